package io.trunkline.ejb.replay.application;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.metrics.domain.MetricStore;
import io.trunkline.ejb.platform.infrastructure.Sql;
import io.trunkline.ejb.replay.api.ReplayConflict;
import io.trunkline.ejb.replay.api.ReplayNotFound;
import io.trunkline.ejb.replay.api.ReplayRefused;
import io.trunkline.ejb.replay.api.ReplayRequest;
import io.trunkline.ejb.replay.api.ReplayRun;
import io.trunkline.ejb.replay.api.Replays;
import io.trunkline.ejb.replay.domain.CallReplay;
import io.trunkline.ejb.replay.domain.CarrierFigures;
import io.trunkline.ejb.replay.domain.RecordedCalls;
import io.trunkline.ejb.replay.domain.ReplayReport;
import io.trunkline.ejb.replay.domain.ReplayStore;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.Carrier;
import io.trunkline.ejb.routing.domain.CarrierState;
import io.trunkline.ejb.routing.domain.Pbx;
import io.trunkline.ejb.routing.domain.RateTable;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.ruleset.api.RuleProblem;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.application.RuleBaseHolder;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Local;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.enterprise.concurrent.ManagedExecutorService;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays as background jobs on the container's managed executor: a request is checked and stored RUNNING, then a
 * task compiles the version, reads the carriers' measured figures, and has the {@link ReplayEngine} decide the
 * period's calls over the cores ({@code trunkline.replay.threads}, default one worker per processor), storing its
 * progress every second (and reading whether another node was asked to cancel it) and its report at the end. A replay left RUNNING by a platform that stopped is marked FAILED
 * when the next one starts. Nothing here writes to the decision log, the live counters or the edge.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "RuleBaseHolder", "RoutingDataHolder"})
@Local(Replays.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplayService implements Replays {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);
    static final String INTERRUPTED = "interrupted: the platform stopped while the replay ran";
    private static final long STORE_EVERY_NANOS = 1_000_000_000L;
    private static final String TABLE = "replay_run";

    /** The rulebook versions a replay compares. */
    interface Rulebooks {

        /** The numbers of the stored versions of a rulebook. */
        List<Integer> stored(String rulebook);

        /** The active versions now. */
        RouteDecider.Books active();

        /** A stored version compiled, not activated. */
        RulebookRegistry.Active compiled(String rulebook, int version) throws RulebookRejectedException;
    }

    /** A replay running on this node: its progress as counted now, and whether to stop. */
    private static final class Job {
        volatile long read;
        volatile long decided;
        volatile Long total;
        volatile boolean cancelled;
        final CountDownLatch done = new CountDownLatch(1);
        /** When the progress was last stored (System.nanoTime). */
        long stored = System.nanoTime();
    }

    @EJB
    private RuleBaseHolder ruleBase;
    @EJB
    private RoutingDataHolder routing;
    @Inject
    private ReplayStore store;
    @Inject
    private RecordedCalls calls;
    @Inject
    private MetricStore metrics;
    @Resource
    private ManagedExecutorService managedExecutor;

    private Executor executor;
    private Rulebooks rulebooks;
    private Supplier<RoutingData> masterData;
    private Clock clock = Clock.systemUTC();
    private int workers = Integer.getInteger("trunkline.replay.threads", Runtime.getRuntime().availableProcessors());
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final Object starts = new Object();

    public ReplayService() {
        // the container injects the fields
    }

    /** Over given ports, as the unit tests build it. */
    ReplayService(ReplayStore store, RecordedCalls calls, MetricStore metrics, Executor executor, Rulebooks rulebooks,
                  Supplier<RoutingData> masterData, Clock clock, int workers) {
        this.store = store;
        this.calls = calls;
        this.metrics = metrics;
        this.executor = executor;
        this.rulebooks = rulebooks;
        this.masterData = masterData;
        this.clock = clock;
        this.workers = workers;
        failInterrupted();
    }

    @PostConstruct
    void start() {
        executor = managedExecutor;
        masterData = routing::current;
        rulebooks = new Rulebooks() {
            @Override
            public List<Integer> stored(String rulebook) {
                return ruleBase.versions(rulebook).stream().map(v -> v.version().version()).toList();
            }

            @Override
            public RouteDecider.Books active() {
                return ruleBase.books();
            }

            @Override
            public RulebookRegistry.Active compiled(String rulebook, int version) throws RulebookRejectedException {
                return ruleBase.compiled(rulebook, version);
            }
        };
        failInterrupted();
    }

    /** The platform stops (or the application is undeployed): its replays are cancelled, not left to a closing pool. */
    @PreDestroy
    void stop() {
        jobs.values().forEach(job -> job.cancelled = true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Job job : jobs.values()) {
            try {
                job.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void failInterrupted() {
        int failed = Sql.query(TABLE, () -> store.failRunning(INTERRUPTED, clock.instant()));
        if (failed > 0) {
            LOG.warn("{} replay(s) left running by the last stop marked FAILED", failed);
        }
    }

    @Override
    public ReplayRun start(ReplayRequest request, String user) {
        String rulebook = check(request);
        int version = request.version();
        long id;
        synchronized (starts) {
            if (jobs.size() >= MAX_RUNNING) {
                long one = jobs.keySet().iterator().next();
                throw new ReplayConflict(one, jobs.size() + " replays are running on this platform node (replay " + one
                        + " among them), each using every core; wait for one to end or cancel it");
            }
            Optional<Long> running = Sql.query(TABLE, () -> store.running(rulebook, version));
            if (running.isPresent()) {
                throw new ReplayConflict(running.get(), "replay " + running.get() + " of " + rulebook + "@" + version
                        + " is running; cancel it or wait for it");
            }
            RouteDecider.Books against = rulebooks.active();
            ReplayRun run = new ReplayRun(0, rulebook, version, request.from(), request.to(), user, clock.instant(),
                    labels(against), ReplayRun.State.RUNNING, null, 0, 0, null, null, null, null, null);
            id = Sql.query(TABLE, () -> store.insert(run));
            Job job = new Job();
            jobs.put(id, job);
            try {
                executor.execute(() -> execute(id, rulebook, version, request.from(), request.to(), against, job));
            } catch (RejectedExecutionException e) {
                jobs.remove(id);
                Sql.update(TABLE, () -> store.finish(id, ReplayRun.State.FAILED, "not started: the executor refused it ("
                        + e.getMessage() + ")", 0, 0, null, null, clock.instant()));
                throw new EJBException("replay " + id + " not started: " + e.getMessage(), e);
            }
        }
        LOG.info("replay {} of {}@{} over [{}, {}) started by {}", id, rulebook, version, request.from(), request.to(), user);
        return find(id).orElseThrow(() -> new ReplayNotFound(id));
    }

    /** The rulebook's name as stored, once every field of the request has passed. */
    private String check(ReplayRequest r) {
        if (r.rulebook() == null || r.rulebook().isBlank()) {
            throw new ReplayRefused("rulebook", "is required: one of " + RULEBOOKS);
        }
        String rulebook = Rulebook.byName(r.rulebook().trim()).map(Rulebook::kbaseName)
                .orElseThrow(() -> new ReplayRefused("rulebook", "no rulebook is named '" + r.rulebook()
                        + "'; a replay tries a version of one of " + RULEBOOKS));
        if (!RULEBOOKS.contains(rulebook)) {
            throw new ReplayRefused("rulebook", "'" + rulebook + "' does not decide where calls go; a replay tries a "
                    + "version of one of " + RULEBOOKS);
        }
        List<Integer> stored = rulebooks.stored(rulebook);
        if (!stored.contains(r.version())) {
            throw new ReplayRefused("version", rulebook + " has no version " + r.version() + " stored (it has "
                    + stored.stream().sorted().toList() + ")");
        }
        if (r.from() == null) {
            throw new ReplayRefused("from", "is required");
        }
        if (r.to() == null) {
            throw new ReplayRefused("to", "is required");
        }
        if (!r.from().isBefore(r.to())) {
            throw new ReplayRefused("from", "must be before 'to' (" + r.from() + " is not before " + r.to() + ")");
        }
        if (Duration.between(r.from(), r.to()).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new ReplayRefused("to", "the period is " + Duration.between(r.from(), r.to()).toHours() / 24.0
                    + " days; a replay reads at most " + MAX_DAYS);
        }
        return rulebook;
    }

    /** The job itself, on the executor. */
    private void execute(long id, String rulebook, int version, Instant from, Instant to, RouteDecider.Books against,
                         Job job) {
        long started = System.nanoTime();
        try {
            RulebookRegistry.Active candidate = rulebooks.compiled(rulebook, version);
            Rulebook target = Rulebook.byName(rulebook).orElseThrow();
            RouteDecider.Books draft = RouteDecider.Books.current(r -> r == target ? candidate : of(against, r));
            Instant hourFrom = from.truncatedTo(ChronoUnit.HOURS);
            Instant hourTo = to.truncatedTo(ChronoUnit.HOURS).equals(to) ? to
                    : to.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
            // The carriers' figures over the hours the period spans.
            Map<String, CarrierFigures> figures = CarrierFigures.of(Sql.query("metric windows",
                    () -> metrics.rows(60, hourFrom, hourTo, "carrier", null, null)));
            CallReplay.Setup setup = new CallReplay.Setup(neutral(masterData.get(), figures), against, draft);
            long total = Sql.query("recorded calls", () -> calls.count(from, to));
            job.total = total;
            Sql.update(TABLE, () -> store.counted(id, total));
            ReplayReport report = new ReplayEngine(executor, workers).run(calls, from, to, setup, figures, SAMPLE,
                    (read, decided) -> {
                        job.read = read;
                        job.decided = decided;
                        long now = System.nanoTime();
                        if (now - job.stored < STORE_EVERY_NANOS) {
                            return !job.cancelled;
                        }
                        job.stored = now;
                        Sql.update(TABLE, () -> store.progress(id, read, decided));
                        // A cancellation asked of another platform node is in the table.
                        return !job.cancelled && !Sql.query(TABLE, () -> store.cancelRequested(id));
                    });
            long read = report.calls().read();
            finish(id, ReplayRun.State.DONE, null, read, read, report.summary(), report.changesJson());
            LOG.info("replay {} of {}@{}: {} calls read, {} decided, {} changed, in {} ms", id, rulebook, version, read,
                    report.calls().decided(), report.changes().total(), (System.nanoTime() - started) / 1_000_000);
        } catch (ReplayEngine.Stopped s) {
            finish(id, ReplayRun.State.CANCELLED, "cancelled after " + s.read() + " calls read", s.read(), s.decided(),
                    null, null);
            LOG.info("replay {} cancelled after {} calls read", id, s.read());
        } catch (RulebookRejectedException e) {
            finish(id, ReplayRun.State.FAILED, rulebook + "@" + version + " does not compile: "
                    + e.problems().stream().map(RuleProblem::describe).toList(), job.read, job.decided, null, null);
        } catch (RuntimeException | SQLException | Error e) {
            LOG.error("replay {} failed", id, e);
            finish(id, ReplayRun.State.FAILED, String.valueOf(e.getMessage() == null ? e.toString() : e.getMessage()),
                    job.read, job.decided, null, null);
        } finally {
            jobs.remove(id);
            job.done.countDown();
        }
    }

    private void finish(long id, ReplayRun.State state, String reason, long read, long decided, String summary,
                        String changes) {
        try {
            store.finish(id, state, reason == null ? null : reason.length() > 1000 ? reason.substring(0, 1000) : reason,
                    read, decided, summary, changes, clock.instant());
        } catch (SQLException e) {
            LOG.error("replay {} could not be stored as {}: {}", id, state, e.getMessage(), e);
        }
    }

    @Override
    public ReplayRun cancel(long id, String user) {
        ReplayRun run = Sql.query(TABLE, () -> store.find(id, false)).orElseThrow(() -> new ReplayNotFound(id));
        if (run.state() != ReplayRun.State.RUNNING || !Sql.query(TABLE, () -> store.requestCancel(id, user))) {
            throw new ReplayConflict(id, "replay " + id + " is " + run.state() + ", not running");
        }
        Job job = jobs.get(id);
        if (job != null) {
            job.cancelled = true;
            try {
                // Its workers put down their batches within a progress report (0.2 s); answer with the outcome.
                job.done.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("replay {} cancelled by {}", id, user);
        return find(id).orElseThrow(() -> new ReplayNotFound(id));
    }

    @Override
    public Optional<ReplayRun> find(long id) {
        return Sql.query(TABLE, () -> store.find(id, true)).map(this::current);
    }

    @Override
    public List<ReplayRun> list(String rulebook, Integer version, int limit) {
        return Sql.query(TABLE, () -> store.list(rulebook, version, limit)).stream().map(this::current).toList();
    }

    /** A stored run with the progress its job on this node counts now (stored once a second). */
    private ReplayRun current(ReplayRun run) {
        Job job = jobs.get(run.id());
        return job == null || run.state() != ReplayRun.State.RUNNING ? run
                : run.withProgress(Math.max(run.read(), job.read), Math.max(run.decided(), job.decided),
                job.total != null ? job.total : run.total());
    }

    /**
     * The master data with every carrier up and idle, its quality (the policies' floors) what was measured over the
     * period: today's outages and load have no say in last week's calls.
     */
    static RoutingData neutral(RoutingData data, Map<String, CarrierFigures> figures) {
        Map<PbxId, Pbx> pbxs = new HashMap<>();
        data.allPbxs().forEach(p -> pbxs.put(p.id(), p));
        Map<CarrierId, Carrier> carriers = new HashMap<>();
        Map<CarrierId, RateTable> rates = new HashMap<>();
        Map<CarrierId, CarrierState> states = new HashMap<>();
        for (Carrier c : data.allCarriers()) {
            carriers.put(c.id(), c);
            rates.put(c.id(), data.rates(c.id()));
            CarrierFigures f = figures.get(c.id().value());
            states.put(c.id(), new CarrierState(true, 0, f == null ? null : f.asrPercent(), f == null ? null : f.mos()));
        }
        return new RoutingData(pbxs, carriers, rates, states, data.dids(), data.inboundDefault().orElse(null),
                data.loadedAt());
    }

    private static RulebookRegistry.Active of(RouteDecider.Books books, Rulebook r) {
        return switch (r) {
            case DIALPLAN -> books.dialplan();
            case CLASSIFICATION -> books.classification();
            case ROUTING -> books.routing();
            case ATTESTATION -> books.attestation();
            default -> throw new IllegalArgumentException(r.kbaseName() + " does not decide where calls go");
        };
    }

    private static List<String> labels(RouteDecider.Books books) {
        return List.of(books.dialplan().version().label(), books.classification().version().label(),
                books.routing().version().label(), books.attestation().version().label());
    }
}
