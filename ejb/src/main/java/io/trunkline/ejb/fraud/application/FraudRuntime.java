package io.trunkline.ejb.fraud.application;

import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.fraud.domain.Block;
import io.trunkline.ejb.fraud.domain.BlockList;
import io.trunkline.ejb.fraud.domain.CounterReplica;
import io.trunkline.ejb.fraud.domain.FraudAudit;
import io.trunkline.ejb.fraud.domain.FraudCounters;
import io.trunkline.ejb.fraud.domain.FraudJudge;
import io.trunkline.ejb.fraud.domain.FraudScreen;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.Timeout;
import javax.ejb.TimerConfig;
import javax.ejb.TimerService;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fraud context's live state on this platform: the counters (exact here, copied to the edge cluster every
 * {@code trunkline.fraud.flush-ms}), the blocks in force (here, and in the cluster with their time to live, read
 * back every second so blocks survive a restart), and the work kept off the call path: audit entries and alerts,
 * written by the background task, an alert per subject and row at most once a second.
 */
@Singleton
@Startup
@DependsOn({"EdgeClusterClient", "SchemaMigrations"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FraudRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(FraudRuntime.class);

    @Inject
    private CounterReplica replica;
    @Inject
    private BlockList blockStore;
    @Inject
    private FraudAudit audit;
    @EJB
    private EventAlerts alerts;
    @Resource
    private TimerService timers;

    private FraudSettings settings;
    private FraudCounters counters;
    private FraudJudge judge;
    private FraudScreen screen;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();
    private final Queue<FraudAudit.Entry> pendingAudit = new ConcurrentLinkedQueue<>();
    private final Queue<Block> pendingBlocks = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> alertedSecond = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile long lastRefreshMs;

    @PostConstruct
    void start() {
        settings = FraudSettings.fromSystemProperties();
        counters = new FraudCounters(replica, settings.keepSeconds(), settings.maxLocalSubjects());
        judge = new FraudJudge(counters, this::blockOf, settings.maxCallSeconds());
        screen = new FraudScreen(judge);
        // The periodic work runs from a single-action EJB timer set again after each run: a timer waits while the
        // server is suspended (starting or stopping), where a managed executor refuses each run and logs it as an
        // error; and one timer at a time cannot overlap itself when a run is slow.
        nextRun();
        LOG.info("fraud counters kept here and copied to the edge cluster every {} ms; short calls under {} s",
                settings.flushMs(), settings.shortCallSeconds());
    }

    @Timeout
    void tick() {
        try {
            background();
        } finally {
            if (!stopping) {
                nextRun();
            }
        }
    }

    private void nextRun() {
        timers.createSingleActionTimer(settings.flushMs(), new TimerConfig("fraud counters", false));
    }

    @PreDestroy
    void stop() {
        stopping = true;
        background();
    }

    public FraudSettings settings() {
        return settings;
    }

    public FraudCounters counters() {
        return counters;
    }

    public FraudJudge judge() {
        return judge;
    }

    public FraudScreen screen() {
        return screen;
    }

    /** A block in force for the subject, as this platform knows it. */
    public Optional<Block> blockOf(String subject) {
        Block b = blocks.get(subject);
        return b == null || !b.activeAt(Instant.now()) ? Optional.empty() : Optional.of(b);
    }

    public List<Block> blocks() {
        Instant now = Instant.now();
        return blocks.values().stream().filter(b -> b.activeAt(now)).toList();
    }

    /** Takes a block a rule made: in force here at once, in the cluster and the audit trail shortly after. */
    public void blocked(Block block) {
        blocks.put(block.subject(), block);
        pendingBlocks.add(block);
        pendingAudit.add(new FraudAudit.Entry(block.at(), "rule:" + block.by(), "BLOCK", block.subject(),
                block.reason(), "until " + block.until()));
    }

    /** Lifts a block here and in the cluster; false when there was none. */
    public boolean lift(String subject) {
        Block here = blocks.remove(subject);
        boolean there = blockStore.remove(subject);
        return here != null && here.activeAt(Instant.now()) || there;
    }

    public void audit(FraudAudit.Entry entry) {
        try {
            audit.record(entry);
        } catch (SQLException e) {
            LOG.warn("fraud audit entry not written now, kept for the background task: {}", e.getMessage());
            pendingAudit.add(entry);
        }
    }

    public FraudAudit auditTrail() {
        return audit;
    }

    /** Raises (or updates) the alert of a subject and row, at most once a second per pair. */
    public void alert(String dimension, String subject, String title, String severity,
                      java.util.function.Supplier<String> details) {
        long second = Instant.now().getEpochSecond();
        Long last = alertedSecond.put(title + "\u0000" + subject, second);
        if (last != null && last == second) {
            return;
        }
        alerts.raise(new EventAlerts.EventAlert(EventAlerts.FRAUD, dimension, subject, title, severity, details.get(),
                settings.escalateAfterSeconds()));
    }

    /** The task every flush interval: counters to the cluster, new blocks and audit entries out, blocks read back. */
    void background() {
        try {
            long nowSecond = Instant.now().getEpochSecond();
            counters.flush(nowSecond, settings.maxCallSeconds());
            for (Block b; (b = pendingBlocks.poll()) != null; ) {
                blockStore.put(b);
            }
            for (FraudAudit.Entry e; (e = pendingAudit.peek()) != null; ) {
                audit.record(e);
                pendingAudit.poll();
            }
            long nowMs = System.currentTimeMillis();
            if (nowMs - lastRefreshMs >= 1_000) {
                lastRefreshMs = nowMs;
                refreshBlocks();
                alertedSecond.values().removeIf(s -> s < nowSecond - 5);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("fraud background work not finished, retried next time: {}", e.toString());
        }
    }

    private void refreshBlocks() {
        if (!replica.available()) {
            return;
        }
        Instant now = Instant.now();
        for (Block b : blockStore.all()) {
            if (b.activeAt(now)) {
                blocks.putIfAbsent(b.subject(), b);
            }
        }
        blocks.values().removeIf(b -> !b.activeAt(now));
    }
}
