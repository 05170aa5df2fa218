package io.trunkline.ejb.ruleset.application;

import io.trunkline.ejb.ruleset.api.RuleBase;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.annotation.PostConstruct;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds every rulebook's kbase when the platform starts and holds the active versions. Reads are
 * lock-free (the registry swaps immutable versions), so per-call decisions never wait on an upload.
 */
@Singleton
@Startup
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RuleBaseHolder implements RuleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBaseHolder.class);

    private RulebookRegistry registry;

    @PostConstruct
    void build() {
        long start = System.nanoTime();
        ClassLoader rules = Rulebook.class.getClassLoader();
        registry = new RulebookRegistry(new RulebookCompiler(rules), rules, Clock.systemUTC());
        LOG.info("rule base built in {} ms: {}", (System.nanoTime() - start) / 1_000_000,
                registry.versions().stream().map(RulebookVersion::label).toList());
    }

    /** The active version with its kbase, read in one step, for the decision services of this module. */
    public RulebookRegistry.Active current(Rulebook rulebook) {
        return registry.active(rulebook);
    }

    public RulebookVersion version(Rulebook rulebook) {
        return registry.active(rulebook).version();
    }

    @Override
    public List<RulebookVersion> activeVersions() {
        return registry.versions();
    }

    @Override
    public Optional<RulebookVersion> active(String rulebook) {
        return Rulebook.byName(rulebook).map(this::version);
    }

    @Override
    public Optional<byte[]> resource(String rulebook, String fileName) {
        return Rulebook.byName(rulebook)
                .map(r -> registry.active(r).resources().get(fileName))
                .map(byte[]::clone);
    }

    @Override
    public RulebookVersion replace(String rulebook, String fileName, byte[] content, String author, String comment)
            throws RulebookRejectedException {
        Rulebook r = Rulebook.byName(rulebook)
                .orElseThrow(() -> new IllegalArgumentException("no rulebook named " + rulebook));
        RulebookVersion v = registry.replace(r, fileName, content, author, comment);
        LOG.info("rulebook {} activated by {}: {} ({})", v.label(), author, fileName, comment);
        return v;
    }
}
