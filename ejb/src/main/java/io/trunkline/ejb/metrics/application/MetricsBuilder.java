package io.trunkline.ejb.metrics.application;

import io.trunkline.ejb.metrics.domain.CallFact;
import io.trunkline.ejb.metrics.domain.CallFacts;
import io.trunkline.ejb.metrics.domain.MetricStore;
import io.trunkline.ejb.metrics.domain.WindowPacing;
import io.trunkline.ejb.metrics.domain.WindowStats;
import io.trunkline.ejb.metrics.domain.MetricStore.Row;
import io.trunkline.ejb.platform.infrastructure.Periods;
import io.trunkline.ejb.platform.infrastructure.Transactions;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.Timeout;
import javax.ejb.TimerConfig;
import javax.ejb.TimerService;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the metric windows up to date: every 10 seconds ({@code trunkline.metrics.interval-seconds}) it recomputes the
 * 5-minute windows marked as changed (calls and CDRs mark the windows they fall in when they are stored), each in its
 * own transaction, then the hours they belong to from their twelve 5-minute rows. When windows changed, each
 * carrier's MOS over the last {@value #QUALITY_MINUTES} minutes of real calls (the edge relay's RTCP figures, CMRs)
 * becomes the MOS of its routing state, which the routing policies' quality floors compare (with at least {@code trunkline.quality.min-calls}
 * measured calls, default {@value #DEFAULT_MIN_CALLS}; fewer leave the state's MOS as it was). OpenSIPS's qrouting
 * keeps such figures per destination over sliding intervals the same way.
 *
 * <p>A window still filling up is recomputed no more often than its recompute's cost allows
 * ({@link WindowPacing}): open windows take at most {@code trunkline.metrics.open-window-budget} percent of a core
 * (default {@value #DEFAULT_OPEN_WINDOW_BUDGET}), so the cost per call stays flat however many calls a window holds.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "RoutingDataHolder"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MetricsBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsBuilder.class);
    static final List<String> DIMENSIONS = List.of("carrier", "trunk", "pbx", "class");
    private static final int BATCH = 500;
    /** How far back a carrier's measured MOS looks. */
    static final int QUALITY_MINUTES = 15;
    static final int DEFAULT_MIN_CALLS = 5;
    static final int DEFAULT_OPEN_WINDOW_BUDGET = 5;
    private final WindowPacing pacing = new WindowPacing(
            Integer.getInteger("trunkline.metrics.open-window-budget", DEFAULT_OPEN_WINDOW_BUDGET));

    @EJB
    private Transactions transactions;
    @EJB
    private RoutingDataHolder routing;

    @EJB
    private io.trunkline.ejb.routing.api.MasterData masterData;

    @Inject
    private MetricStore store;
    @Inject
    private CallFacts facts;
    private final AtomicBoolean running = new AtomicBoolean();
    @Resource
    private TimerService timers;

    /** Every {@code trunkline.metrics.interval-seconds} (10). */
    @PostConstruct
    void schedule() {
        long period = Periods.millis("trunkline.metrics.interval-seconds", 10);
        timers.createIntervalTimer(period, period, new TimerConfig("metric windows", false));
    }

    @Timeout
    void tick() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            LOG.warn("metric windows not brought up to date: {}", e.getMessage(), e);
        }
    }

    /** Recomputes every marked window (and its hour); returns how many 5-minute windows were done. */
    public int catchUp() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        int done = 0;
        Set<Instant> deferred = new HashSet<>();
        Set<Instant> computed = new HashSet<>();
        try {
            while (true) {
                List<Instant> dirty;
                try {
                    dirty = new ArrayList<>(store.dirty(BATCH + deferred.size()));
                } catch (SQLException e) {
                    throw new EJBException(e);
                }
                dirty.removeAll(deferred);
                Instant now = Instant.now();
                for (Instant w : List.copyOf(dirty)) {
                    if (computed.contains(w) || !pacing.due(w, now)) {
                        // Marked again while it was recomputed (calls still arriving in it), or still filling up and
                        // recomputed lately: stays marked for a later tick.
                        deferred.add(w);
                        dirty.remove(w);
                    }
                }
                if (dirty.isEmpty()) {
                    if (done > 0) {
                        feedQuality(Instant.now());
                    }
                    return done;
                }
                TreeMap<Instant, Boolean> hours = new TreeMap<>();
                for (Instant w : dirty) {
                    // The mark as it stands before the window's calls are read (committed marks only): removed at the
                    // end only if no call marked the window again meanwhile.
                    OptionalLong mark = markOf(w);
                    if (mark.isEmpty()) {
                        continue;
                    }
                    computed.add(w);
                    try {
                        long t0 = System.nanoTime();
                        transactions.committed(() -> recompute(w, mark.getAsLong()));
                        pacing.computed(w, Instant.now(), Duration.ofNanos(System.nanoTime() - t0));
                    } catch (RuntimeException e) {
                        // One window that cannot be computed must not hold back every later one: its mark is taken
                        // (its old figures stay), unless calls marked it again since, and the next call marks it again.
                        LOG.warn("metrics of the window at {} not computed, left as they were: {}", w, e.getMessage(), e);
                        transactions.committed(() -> unmark(w, mark.getAsLong()));
                    }
                    hours.put(w.truncatedTo(ChronoUnit.HOURS), true);
                    done++;
                }
                for (Instant h : hours.keySet()) {
                    try {
                        transactions.committed(() -> recomputeHour(h));
                    } catch (RuntimeException e) {
                        LOG.warn("metrics of the hour at {} not computed: {}", h, e.getMessage(), e);
                    }
                }
                if (done >= BATCH) {
                    LOG.info("metric windows: {} recomputed up to {}", done, dirty.get(dirty.size() - 1));
                }
            }
        } finally {
            running.set(false);
        }
    }

    /**
     * One window from its calls, in one transaction. The mark is read before and removed last, and only if no call
     * marked the window again meanwhile: removed first, as it once was, it held the mark's row lock for the whole
     * recomputation, and every call stored in that window (an event batch from the edge, a CDR chunk) waited for it,
     * up to a second each for a window of tens of thousands of calls.
     */
    private Void recompute(Instant window, long mark) {
        try {
            Instant end = window.plusMillis(MetricStore.WINDOW_MS);
            Map<String, WindowStats> stats = new LinkedHashMap<>();
            CallRating rating = new CallRating(routing.current());
            for (CallFact f : facts.facts(window, end, rating)) {
                for (Map.Entry<String, String> s : f.subjects().entrySet()) {
                    stats.computeIfAbsent(f.origin() + '\u0000' + s.getKey() + '\u0000' + s.getValue(), k -> new WindowStats())
                            .add(f);
                }
            }
            for (CallFacts.IdentityTally t : facts.identities(window, end)) {
                stats.computeIfAbsent(t.origin() + '\u0000' + "carrier" + '\u0000' + t.carrier(), k -> new WindowStats())
                        .identities.merge(t.key(), 1, Integer::sum);
            }
            Map<String, List<Instant[]>> spans = new LinkedHashMap<>();
            for (CallFacts.Span s : facts.spans(window, end)) {
                spans.computeIfAbsent(s.origin() + '\u0000' + s.dimension() + '\u0000' + s.subject(), k -> new ArrayList<>())
                        .add(new Instant[]{s.start(), s.end()});
            }
            for (Map.Entry<String, List<Instant[]>> e : spans.entrySet()) {
                stats.computeIfAbsent(e.getKey(), k -> new WindowStats()).concurrentPeak =
                        WindowStats.peak(e.getValue(), window, end);
            }
            store.replace(5, window, rows(5, window, stats));
            store.unmark(window, mark);
            return null;
        } catch (SQLException e) {
            throw new EJBException("metrics of the window at " + window + " not computed: " + e.getMessage(), e);
        }
    }

    /**
     * Each carrier's MOS over the last {@value #QUALITY_MINUTES} minutes (both origins, edge and CDR) into its routing
     * state when enough calls were measured and it changed by at least 0.05.
     */
    void feedQuality(Instant now) {
        int minCalls = Integer.getInteger("trunkline.quality.min-calls", DEFAULT_MIN_CALLS);
        Map<String, WindowStats> carriers = new LinkedHashMap<>();
        try {
            for (Row r : store.rows(5, MetricStore.windowOf(now.minus(Duration.ofMinutes(QUALITY_MINUTES))),
                    now.plusMillis(1), "carrier", null, null)) {
                carriers.computeIfAbsent(r.subject(), k -> new WindowStats()).merge(r.stats());
            }
        } catch (SQLException e) {
            LOG.warn("carriers' measured MOS not read: {}", e.getMessage());
            return;
        }
        for (Map.Entry<String, WindowStats> e : carriers.entrySet()) {
            WindowStats w = e.getValue();
            if (w.mosCount < Math.max(1, minCalls) || w.mos() == null) {
                continue;
            }
            double mos = Math.round(w.mos() * 100) / 100.0;
            io.trunkline.contract.telecom.CarrierId id;
            try {
                id = new io.trunkline.contract.telecom.CarrierId(e.getKey());
            } catch (IllegalArgumentException notACarrier) {
                continue;
            }
            if (routing.current().carrier(id.value()).isEmpty()) {
                continue;
            }
            io.trunkline.ejb.routing.domain.CarrierState s = routing.current().state(id);
            if (s.mos() != null && Math.abs(s.mos() - mos) < 0.05) {
                continue;
            }
            try {
                masterData.putState(id, new io.trunkline.ejb.routing.api.CarrierStatus(s.up(), s.activeCalls(),
                        s.asrPercent(), mos));
                LOG.info("carrier {}: measured MOS {} over {} calls in the last {} minutes now in its routing state",
                        id, mos, w.mosCount, QUALITY_MINUTES);
            } catch (RuntimeException ex) {
                LOG.warn("carrier {}: measured MOS not stored in its routing state: {}", id, ex.getMessage());
            }
        }
    }

    private OptionalLong markOf(Instant window) {
        try {
            return store.markOf(window);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    private Void unmark(Instant window, long mark) {
        try {
            store.unmark(window, mark);
            return null;
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    private Void recomputeHour(Instant hour) {
        try {
            Map<String, WindowStats> stats = new LinkedHashMap<>();
            for (Row r : store.rows(5, hour, hour.plus(Duration.ofHours(1)), null, null, null)) {
                stats.computeIfAbsent(r.origin() + '\u0000' + r.dimension() + '\u0000' + r.subject(), k -> new WindowStats())
                        .merge(r.stats());
            }
            store.replace(60, hour, rows(60, hour, stats));
            return null;
        } catch (SQLException e) {
            throw new EJBException("metrics of the hour at " + hour + " not computed: " + e.getMessage(), e);
        }
    }

    private static List<Row> rows(int minutes, Instant start, Map<String, WindowStats> stats) {
        List<Row> rows = new ArrayList<>(stats.size());
        for (Map.Entry<String, WindowStats> e : stats.entrySet()) {
            String[] k = e.getKey().split("\u0000", 3);
            rows.add(new Row(minutes, start, k[0], k[1], k[2], e.getValue()));
        }
        return rows;
    }
}
