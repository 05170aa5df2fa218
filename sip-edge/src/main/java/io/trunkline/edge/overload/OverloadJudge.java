package io.trunkline.edge.overload;

import io.trunkline.edge.config.OverloadSettings;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges, every {@code interval}, whether the node is beyond what it can carry, and limits new calls while it is.
 *
 * <p>The load is the highest of five ratios to their limits: the 95th percentile of INVITE-to-decision time over a
 * sliding window, the calls in setup, the wait of the oldest message in the SIP stack's receive queue, the decisions
 * waiting for the platform and the process's CPU. At 1 or more
 * the node is {@link State#OVERLOADED}: new calls pass a token bucket whose rate starts at 80 % of the rate admitted
 * over the last window and falls by a fifth while the load stays at 1 or more: at every interval when the queue, the
 * setups or the pending decisions say so (they show the present), at most twice a window when only the percentile or
 * the CPU does (they lag behind, and would be cut again for what the last cut already answered); below 0.8 it
 * climbs back by a tenth per interval (at least {@code minRate}): the rate-based control of RFC 7415 §3, driven by
 * local signals as Kamailio's pipelimit FEEDBACK algorithm is driven by CPU.
 * The node returns to {@link State#NORMAL} only when the load has stayed below 0.8 and the bucket refused nothing for
 * {@code recover} (hysteresis: the limit is not lifted while the offered load still exceeds it). Beyond
 * {@code maxCallsInSetup} every new call is refused, in either state (a tail drop on the work in flight).
 *
 * <p>The receive queue's wait and the decisions pending count as over their limits when they are over at two
 * judgments in a row, or over {@value #AT_ONCE} times the limit at one. For the queue: a single young collection of the node's heap (20–60 ms on a 2-core
 * machine it shares with the platform and the load, measured up to 88 ms) holds every message for its length and
 * leaves a queue that drains within milliseconds, which is not overload; a queue that stays long is, and is seen one
 * interval later. (At twice the limit at once, a single 61 ms pause at 400 calls/s, the node's CPU at a third of a
 * core, refused 459 calls over 3.5 s.) For the decisions: a young collection of the platform's heap (100–200 ms
 * under load) holds every decision asked meanwhile, 32 to 52 of them at 400 calls/s, which the next judgment finds
 * answered; a platform that stays slow keeps them pending.
 */
public final class OverloadJudge implements OverloadControl {

    private static final Logger LOG = LoggerFactory.getLogger(OverloadJudge.class);
    static final double DECREASE = 0.8;
    static final double CALM = 0.8;
    static final double INCREASE = 1.1;
    /** How many times its limit the receive queue's wait or the decisions pending must be to count at one judgment. */
    static final int AT_ONCE = 4;

    /** Whether new calls are limited. */
    public enum State { NORMAL, OVERLOADED }

    private final OverloadSettings settings;
    private final LoadSignals signals;
    private final LongSupplier nanos;
    private final LatencyWindow latencies;
    private final long intervalNanos;
    private final long windowNanos;
    private final long recoverNanos;
    private final long[] admittedPerInterval;
    private final long[] admittedPeriod;
    private final long startedAt;

    private volatile State state = State.NORMAL;
    private double rate;
    private double tokens;
    private long lastRefill;
    private long lastTick = Long.MIN_VALUE;
    private long lastDecrease;
    private long calmSince = -1;
    private long lastRefusal = Long.MIN_VALUE / 2;
    private double lastLoad;
    private long lastQueued;
    private int lastPending;
    private long refused;

    /** @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime}, a fake one in tests) */
    public OverloadJudge(OverloadSettings settings, LoadSignals signals, LongSupplier nanos) {
        this.settings = settings;
        this.signals = signals;
        this.nanos = nanos;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.intervalMs());
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(settings.windowMs());
        this.recoverNanos = TimeUnit.MILLISECONDS.toNanos(settings.recoverMs());
        this.latencies = new LatencyWindow(nanos, windowNanos, intervalNanos);
        int n = (int) Math.max(1, windowNanos / intervalNanos);
        this.admittedPerInterval = new long[n];
        this.admittedPeriod = new long[n];
        this.startedAt = nanos.getAsLong();
    }

    @Override
    public synchronized boolean admitNewCall() {
        long now = nanos.getAsLong();
        if (now - lastTick >= intervalNanos) {
            tick(now);
        }
        if (signals.callsInSetup() >= settings.maxCallsInSetup()) {
            return refuse(now);
        }
        if (state == State.OVERLOADED) {
            tokens = Math.min(Math.max(1, rate * settings.intervalMs() / 1000.0),
                    tokens + rate * (now - lastRefill) / 1e9);
            lastRefill = now;
            if (tokens < 1) {
                return refuse(now);
            }
            tokens -= 1;
        }
        count(now);
        return true;
    }

    private boolean refuse(long now) {
        refused++;
        lastRefusal = now;
        return false;
    }

    private void count(long now) {
        long period = Math.floorDiv(now, intervalNanos);
        int i = (int) Math.floorMod(period, (long) admittedPerInterval.length);
        if (admittedPeriod[i] != period) {
            admittedPerInterval[i] = 0;
            admittedPeriod[i] = period;
        }
        admittedPerInterval[i]++;
    }

    /** New calls admitted per second over the last window. */
    private double admittedRate(long now) {
        long period = Math.floorDiv(now, intervalNanos);
        long sum = 0;
        for (int i = 0; i < admittedPerInterval.length; i++) {
            if (admittedPeriod[i] > period - admittedPerInterval.length) {
                sum += admittedPerInterval[i];
            }
        }
        return sum * 1e9 / Math.max(intervalNanos, Math.min(windowNanos, now - startedAt));
    }

    @Override
    public int retryAfterSeconds() {
        return settings.retryAfterSeconds();
    }

    @Override
    public void decided(long latencyNanos) {
        latencies.record(latencyNanos);
    }

    /** Judges the signals now; called every interval by the node's timer, and by an INVITE when it is overdue. */
    public synchronized void tick() {
        tick(nanos.getAsLong());
    }

    private void tick(long now) {
        lastTick = now;
        long p95 = latencies.quantileMs(0.95);
        int inSetup = signals.callsInSetup();
        int pending = signals.pendingDecisions();
        double cpu = settings.cpuPercent() == 0 ? 0 : Math.max(0, signals.processCpu());
        long queued = signals.queueWaitMillis();
        long queuedJudged = persistent(queued, lastQueued, settings.queueWaitMs());
        lastQueued = queued;
        int pendingJudged = (int) persistent(pending, lastPending, settings.maxPendingDecisions());
        lastPending = pending;
        double current = Math.max(Math.max((double) inSetup / settings.maxCallsInSetup(),
                (double) queuedJudged / settings.queueWaitMs()), (double) pendingJudged / settings.maxPendingDecisions());
        double load = Math.max(Math.max((double) p95 / settings.decisionP95Ms(), current),
                settings.cpuPercent() == 0 ? 0 : cpu * 100 / settings.cpuPercent());
        lastLoad = load;
        if (state == State.NORMAL) {
            if (load >= 1) {
                state = State.OVERLOADED;
                rate = Math.max(settings.minRate(), admittedRate(now) * DECREASE);
                tokens = 0;
                lastRefill = now;
                lastDecrease = now;
                calmSince = -1;
                LOG.warn("overloaded (decision p95 {} ms, {} calls in setup, {} decisions pending, oldest message "
                        + "queued {} ms, CPU {} %): new calls limited to {}/s, the rest refused 503", p95, inSetup,
                        pending, queued, Math.round(cpu * 100), Math.round(rate));
            }
            return;
        }
        if (load >= 1) {
            calmSince = -1;
            if (current >= 1 || now - lastDecrease >= windowNanos / 2) {
                rate = Math.max(settings.minRate(), rate * DECREASE);
                lastDecrease = now;
            }
        } else if (load < CALM) {
            rate = Math.max(rate * INCREASE, rate + settings.minRate());
            if (calmSince < 0) {
                calmSince = now;
            }
            if (now - calmSince >= recoverNanos && now - lastRefusal >= recoverNanos) {
                state = State.NORMAL;
                LOG.info("overload over: every new call admitted again ({} refused so far)", refused);
            }
        } else {
            calmSince = -1;
        }
    }

    public State state() {
        return state;
    }

    /** A signal as judged: itself at {@value #AT_ONCE} times its limit or more, else the lower of it and the last. */
    static long persistent(long value, long last, long limit) {
        return value >= AT_ONCE * limit ? value : Math.min(value, last);
    }

    /** Overloaded, or at the cap of calls in setup: an unsynchronized read, for every INVITE on arrival. */
    @Override
    public boolean limiting() {
        return state == State.OVERLOADED || signals.callsInSetup() >= settings.maxCallsInSetup();
    }

    /** The rate new calls are limited to while overloaded, per second. */
    public synchronized double rate() {
        return rate;
    }

    /** The load at the last judgment: 1 or more is beyond what the node carries. */
    public synchronized double load() {
        return lastLoad;
    }

    /** New calls refused since the node started. */
    public synchronized long refused() {
        return refused;
    }
}
