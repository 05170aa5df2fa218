package io.trunkline.ejb.ruleset.application;

import io.trunkline.ejb.platform.infrastructure.Transactions;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.api.ScenarioOutcome;
import io.trunkline.ejb.routing.application.ScenarioCatalog;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.ruleset.api.NamedInRulesException;
import io.trunkline.ejb.ruleset.api.RuleBase;
import io.trunkline.ejb.ruleset.api.RuleRow;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.ejb.ruleset.api.ScenariosFailedException;
import io.trunkline.ejb.ruleset.infrastructure.EnumeratedCellCheck;
import io.trunkline.ejb.ruleset.domain.RulebookStore;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.EnumeratedColumns;
import io.trunkline.rules.Rulebook;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.enterprise.concurrent.ManagedExecutorService;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds every rulebook's kbase when the platform starts (the active version stored in the database, or
 * the shipped one on a first start, which is stored as version 1) and runs the rule-table lifecycle.
 * Reads are lock-free (the registry swaps immutable versions), so per-call decisions never wait on an
 * upload; lifecycle changes are serialised.
 */
@Singleton
@Startup
@LocalBean
@DependsOn({"SchemaMigrations", "RuleEngineThreads"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RuleBaseHolder implements RuleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBaseHolder.class);

    @EJB
    private Transactions transactions;
    @EJB
    private ScenarioCatalog scenarios;
    @EJB
    private RoutingDataHolder masterData;

    /** Compiles the rulebooks side by side when the platform starts. */
    @Resource
    private ManagedExecutorService compilers;

    private RulebookRegistry registry;
    @Inject
    private RulebookStore store;
    private final Object lifecycle = new Object();

    @PostConstruct
    void build() {
        long start = System.nanoTime();
        ClassLoader rules = Rulebook.class.getClassLoader();
        Map<Rulebook, RulebookRegistry.Start> stored = new EnumMap<>(Rulebook.class);
        for (Rulebook r : Rulebook.values()) {
            sql(() -> store.active(r.kbaseName())).ifPresent(s -> stored.put(r, new RulebookRegistry.Start(
                    s.version().version(), sql(() -> store.files(r.kbaseName(), s.version().version())),
                    s.version().author(), s.version().comment())));
        }
        // Each rulebook compiled once (its stored version, or the shipped one on a first start), side by side.
        registry = new RulebookRegistry(new RulebookCompiler(rules), rules, Clock.systemUTC(),
                r -> Optional.ofNullable(stored.get(r)), compilers);
        for (Rulebook r : Rulebook.values()) {
            if (!stored.containsKey(r)) {
                RulebookRegistry.Active shipped = registry.active(r);
                transactions.committed(() -> sql(() -> {
                    store.insert(shipped.version(), "ACTIVE", shipped.resources());
                    return null;
                }));
            }
        }
        LOG.info("rule base built in {} ms ({} from stored versions): {}", (System.nanoTime() - start) / 1_000_000,
                stored.size(), registry.versions().stream().map(RulebookVersion::label).toList());
    }

    /** The active version with its kbase, read in one step, for the decision services of this module. */
    public RulebookRegistry.Active current(Rulebook rulebook) {
        return registry.active(rulebook);
    }

    /**
     * The active version of a rulebook as a plain reader, taken once by the per-call services: each read is then a
     * read of memory (the version activated last), not a call through the container's interceptors.
     */
    public Function<Rulebook, RulebookRegistry.Active> reader() {
        RulebookRegistry r = registry;
        return r::active;
    }

    /** The active versions of every rulebook a decision runs on, taken in one call. */
    public RouteDecider.Books books() {
        return RouteDecider.Books.current(registry);
    }

    /** A stored version compiled (not activated), for simulations. */
    public RulebookRegistry.Active compiled(String rulebook, int version) throws RulebookRejectedException {
        Rulebook r = rulebook(rulebook);
        RulebookStore.StoredVersion stored = sql(() -> store.version(r.kbaseName(), version))
                .orElseThrow(() -> new IllegalArgumentException("rulebook " + rulebook + " has no version " + version));
        RulebookVersion v = stored.version();
        return registry.compile(r, version, sql(() -> store.files(r.kbaseName(), version)), v.author(), v.comment());
    }

    @Override
    public List<RulebookVersion> activeVersions() {
        return registry.versions();
    }

    @Override
    public Optional<RulebookVersion> active(String rulebook) {
        return Rulebook.byName(rulebook).map(r -> registry.active(r).version());
    }

    @Override
    public Optional<byte[]> resource(String rulebook, String fileName) {
        return Rulebook.byName(rulebook)
                .map(r -> registry.active(r).resources().get(fileName))
                .map(byte[]::clone);
    }

    @Override
    public List<VersionStatus> versions(String rulebook) {
        Rulebook r = rulebook(rulebook);
        return sql(() -> store.versions(r.kbaseName())).stream()
                .map(s -> new VersionStatus(s.version(), s.status(), s.activatedAt(), s.activatedBy())).toList();
    }

    @Override
    public Optional<byte[]> versionFile(String rulebook, int version, String fileName) {
        Rulebook r = rulebook(rulebook);
        return Optional.ofNullable(sql(() -> store.files(r.kbaseName(), version)).get(fileName));
    }

    @Override
    public boolean removeUnlessNamed(EnumeratedColumns.Domain domain, String id, BooleanSupplier removal) {
        synchronized (lifecycle) {
            List<RuleRow> rows = registry.activeRowsNaming(domain, id);
            if (!rows.isEmpty()) {
                throw new NamedInRulesException((domain == EnumeratedColumns.Domain.PBXS ? "PBX '" : "carrier '") + id + "'",
                        rows);
            }
            return removal.getAsBoolean();
        }
    }

    @Override
    public Outcome draft(String rulebook, String fileName, byte[] content, String author, String comment)
            throws RulebookRejectedException {
        Rulebook r = rulebook(rulebook);
        synchronized (lifecycle) {
            Map<String, byte[]> files = registry.withFile(r, fileName, content);
            int number = sql(() -> store.nextVersion(r.kbaseName()));
            RulebookRegistry.Active compiled = registry.compile(r, number, files, author, comment, knownIds());
            transactions.committed(() -> sql(() -> {
                store.insert(compiled.version(), "DRAFT", compiled.resources());
                return null;
            }));
            LOG.info("rulebook {} stored as a draft by {}: {} ({})", compiled.version().label(), author, fileName, comment);
            return new Outcome(compiled.version(), "DRAFT", scenarios.run(booksWith(compiled)));
        }
    }

    @Override
    public Outcome activate(String rulebook, int version, String actor)
            throws ScenariosFailedException, RulebookRejectedException {
        synchronized (lifecycle) {
            RulebookRegistry.Active compiled = compiled(rulebook, version);
            registry.checkCells(compiled, knownIds());
            Outcome tried = new Outcome(compiled.version(), "DRAFT", scenarios.run(booksWith(compiled)));
            if (!tried.scenariosPass()) {
                throw new ScenariosFailedException(tried);
            }
            return install(compiled, actor, tried.scenarios());
        }
    }

    @Override
    public Outcome replace(String rulebook, String fileName, byte[] content, String author, String comment)
            throws RulebookRejectedException, ScenariosFailedException {
        synchronized (lifecycle) {
            Outcome drafted = draft(rulebook, fileName, content, author, comment);
            if (!drafted.scenariosPass()) {
                throw new ScenariosFailedException(drafted);
            }
            return install(compiled(rulebook, drafted.version().version()), author, drafted.scenarios());
        }
    }

    @Override
    public Outcome rollback(String rulebook, int version, String actor) throws RulebookRejectedException {
        synchronized (lifecycle) {
            Rulebook r = rulebook(rulebook);
            RulebookStore.StoredVersion stored = sql(() -> store.version(r.kbaseName(), version))
                    .orElseThrow(() -> new IllegalArgumentException("rulebook " + rulebook + " has no version " + version));
            if (!"RETIRED".equals(stored.status())) {
                throw new IllegalArgumentException("version " + version + " of " + rulebook + " is " + stored.status()
                        + "; only a previously active (RETIRED) version can be rolled back to");
            }
            RulebookRegistry.Active compiled = compiled(rulebook, version);
            registry.checkCells(compiled, knownIds());
            return install(compiled, actor, scenarios.run(booksWith(compiled)));
        }
    }

    @Override
    public List<ScenarioOutcome> runScenarios() {
        return scenarios.run(RouteDecider.Books.current(registry));
    }

    private Outcome install(RulebookRegistry.Active compiled, String actor, List<ScenarioOutcome> results) {
        RulebookVersion v = compiled.version();
        transactions.committed(() -> sql(() -> {
            store.activate(v.rulebook(), v.version(), actor, Instant.now());
            return null;
        }));
        registry.install(compiled);
        LOG.info("rulebook {} activated by {}", v.label(), actor);
        return new Outcome(v, "ACTIVE", results);
    }

    /** The active versions, with {@code candidate} in place of its rulebook's. */
    private RouteDecider.Books booksWith(RulebookRegistry.Active candidate) {
        Rulebook target = rulebook(candidate.version().rulebook());
        return RouteDecider.Books.current(r -> r == target ? candidate : registry.active(r));
    }

    /** The carrier and PBX ids of master data now, which the analysts' tables may name. */
    private EnumeratedCellCheck.KnownIds knownIds() {
        RoutingData data = masterData.current();
        return new EnumeratedCellCheck.KnownIds(
                data.allCarriers().stream().map(c -> c.id().value()).collect(Collectors.toSet()),
                data.allPbxs().stream().map(p -> p.id().value()).collect(Collectors.toSet()));
    }

    private static Rulebook rulebook(String name) {
        return Rulebook.byName(name).orElseThrow(() -> new IllegalArgumentException("no rulebook named " + name));
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new EJBException("rulebook store: " + e.getMessage(), e);
        }
    }
}
