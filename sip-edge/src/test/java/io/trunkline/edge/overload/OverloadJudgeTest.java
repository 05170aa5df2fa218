package io.trunkline.edge.overload;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.config.OverloadSettings;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The judge on a fake clock and fake signals: when it limits, how far, and when it lets go. */
class OverloadJudgeTest {

    /** The node's signals, set by each test. */
    private static final class Signals implements LoadSignals {
        int inSetup;
        int pending;
        double cpu;
        long queued;

        @Override
        public int callsInSetup() {
            return inSetup;
        }

        @Override
        public int pendingDecisions() {
            return pending;
        }

        @Override
        public double processCpu() {
            return cpu;
        }

        @Override
        public long queueWaitMillis() {
            return queued;
        }
    }

    private long now = TimeUnit.SECONDS.toNanos(1_000);
    private final Signals signals = new Signals();

    private OverloadJudge judge(String... kv) {
        Properties p = new Properties();
        p.setProperty("node.id", "n");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        OverloadSettings settings = io.trunkline.edge.config.EdgeConfig.from(p).overload();
        return new OverloadJudge(settings, signals, () -> now);
    }

    /** Offers {@code perSecond} new calls a second for {@code ms}, each decided in {@code decisionMs}; returns how many were admitted. */
    private int offer(OverloadJudge judge, int perSecond, int ms, long decisionMs) {
        int admitted = 0;
        long gap = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long nextTick = now;
        for (long n = (long) perSecond * ms / 1000; n > 0; n--) {
            if (now >= nextTick) {
                judge.tick();
                nextTick = now + TimeUnit.MILLISECONDS.toNanos(100);
            }
            if (judge.admitNewCall()) {
                admitted++;
                judge.decided(TimeUnit.MILLISECONDS.toNanos(decisionMs));
            }
            now += gap;
        }
        return admitted;
    }

    @Test
    void aNodeWithinItsLimitsAdmitsEveryCall() {
        OverloadJudge judge = judge();
        signals.inSetup = 10;
        signals.cpu = 0.5;
        assertThat(offer(judge, 300, 5_000, 20)).isEqualTo(1_500);
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.NORMAL);
        assertThat(judge.refused()).isZero();
    }

    @Test
    void slowDecisionsLimitNewCallsBelowTheRateOffered() {
        OverloadJudge judge = judge();
        offer(judge, 600, 1_000, 20);
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.NORMAL);

        int admitted = offer(judge, 600, 3_000, 400);
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.OVERLOADED);
        assertThat(admitted).as("the excess is refused").isLessThan(1_800 * 3 / 4);
        assertThat(judge.rate()).as("limited below 80 % of what was admitted before").isLessThan(480);
        assertThat(judge.refused()).isEqualTo(1_800 - admitted);
        assertThat(judge.retryAfterSeconds()).isEqualTo(2);
    }

    /** Lets {@code ms} pass with no call offered, the node's timer judging every 100 ms. */
    private void idle(OverloadJudge judge, int ms) {
        for (int t = 0; t < ms; t += 100) {
            now += TimeUnit.MILLISECONDS.toNanos(100);
            judge.tick();
        }
    }

    @Test
    void theLimitIsLiftedOnlyOnceItHasRefusedNothingForTheRecoveryTime() {
        OverloadJudge judge = judge();
        offer(judge, 600, 2_000, 400);
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.OVERLOADED);
        // The node keeps up again (fast decisions) but calls still come at 600/s: the limit climbs back step by step.
        long lastRefusalSeen = now;
        long refused = judge.refused();
        int calmButLimited = 0;
        while (judge.state() == OverloadJudge.State.OVERLOADED && calmButLimited < 200) {
            offer(judge, 600, 100, 10);
            if (judge.refused() > refused) {
                refused = judge.refused();
                lastRefusalSeen = now;
            }
            if (judge.load() < OverloadJudge.CALM) {
                calmButLimited++;
            }
        }
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.NORMAL);
        assertThat(calmButLimited).as("intervals of calm signals while the limit still refused calls").isGreaterThan(10);
        assertThat(now - lastRefusalSeen).as("nothing refused for the recovery time")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
        // No flapping: the same load, now carried, keeps the node in full service.
        assertThat(offer(judge, 600, 3_000, 10)).isEqualTo(1_800);
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.NORMAL);
    }

    @Test
    void whenTheLoadStopsTheNodeRecoversWithinTheRecoveryTimeAndStaysRecovered() {
        OverloadJudge judge = judge();
        offer(judge, 600, 2_000, 400);
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.OVERLOADED);

        // The load stops: only the node's timer judges; the window empties, then the recovery time passes.
        long stopped = now;
        while (judge.state() == OverloadJudge.State.OVERLOADED && now - stopped < TimeUnit.SECONDS.toNanos(10)) {
            idle(judge, 100);
        }
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.NORMAL);
        assertThat(now - stopped).as("window (1 s) + recovery (1 s), well within 5 s")
                .isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2_500));

        long refusedBefore = judge.refused();
        assertThat(offer(judge, 100, 3_000, 10)).as("full service at an ordinary load").isEqualTo(300);
        assertThat(judge.refused()).isEqualTo(refusedBefore);
    }

    @Test
    void aBusyIntervalDuringRecoveryStartsTheRecoveryClockAgain() {
        OverloadJudge judge = judge("overload.recover-ms", "1000");
        offer(judge, 600, 2_000, 400);
        idle(judge, 1_500);
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.OVERLOADED);
        signals.pending = 30; // 30 of 32, at two judgments in a row: above the calm mark (0.8), below the limit
        idle(judge, 200);
        signals.pending = 0;
        idle(judge, 800);
        assertThat(judge.state()).as("800 ms of calm since the busy interval is not yet 1 s")
                .isEqualTo(OverloadJudge.State.OVERLOADED);
        idle(judge, 300);
        assertThat(judge.state()).isEqualTo(OverloadJudge.State.NORMAL);
    }

    @Test
    void aQueueThatStaysLongIsCutAtEveryIntervalALaggingPercentileOnlyTwiceAWindow() {
        OverloadJudge queue = judge();
        offer(queue, 300, 1_000, 10);
        signals.queued = 40;
        idle(queue, 100);
        assertThat(queue.state()).as("one judgment over the limit").isEqualTo(OverloadJudge.State.NORMAL);
        idle(queue, 100);
        assertThat(queue.state()).isEqualTo(OverloadJudge.State.OVERLOADED);
        double first = queue.rate();
        idle(queue, 300);
        assertThat(queue.rate()).as("three more cuts by a fifth").isCloseTo(first * 0.512, org.assertj.core.data.Offset.offset(0.01));

        signals.queued = 0;
        OverloadJudge slow = judge();
        offer(slow, 300, 1_000, 10);
        offer(slow, 300, 200, 400);
        assertThat(slow.state()).isEqualTo(OverloadJudge.State.OVERLOADED);
        double entered = slow.rate();
        idle(slow, 300);
        assertThat(slow.rate()).as("no cut within half a window of the last").isEqualTo(entered);
    }

    @Test
    void callsInSetupAboveTheCapAreRefusedEvenWhenTheOtherSignalsAreCalm() {
        OverloadJudge judge = judge("overload.max-calls-in-setup", "5");
        signals.inSetup = 5;
        assertThat(judge.admitNewCall()).isFalse();
        signals.inSetup = 4;
        assertThat(judge.admitNewCall()).isTrue();
        assertThat(judge.refused()).isEqualTo(1);
    }

    @Test
    void pendingDecisionsCpuAndTheReceiveQueueAreSignalsAndCpuCanBeLeftOut() {
        OverloadJudge pending = judge("overload.max-pending-decisions", "4");
        signals.pending = 4;
        pending.tick();
        assertThat(pending.state()).as("decisions held by one pause of the platform").isEqualTo(OverloadJudge.State.NORMAL);
        pending.tick();
        assertThat(pending.state()).as("at two judgments in a row").isEqualTo(OverloadJudge.State.OVERLOADED);
        assertThat(pending.load()).isEqualTo(1.0);
        signals.pending = 0;
        OverloadJudge many = judge("overload.max-pending-decisions", "4");
        many.tick();
        signals.pending = 16;
        many.tick();
        assertThat(many.state()).as("four times the limit at once").isEqualTo(OverloadJudge.State.OVERLOADED);

        signals.pending = 0;
        signals.cpu = 0.95;
        OverloadJudge cpu = judge("overload.cpu-percent", "90");
        cpu.tick();
        assertThat(cpu.state()).isEqualTo(OverloadJudge.State.OVERLOADED);
        OverloadJudge noCpu = judge("overload.cpu-percent", "0");
        noCpu.tick();
        assertThat(noCpu.state()).isEqualTo(OverloadJudge.State.NORMAL);

        signals.cpu = 0;
        signals.queued = 24;
        OverloadJudge queue = judge();
        queue.tick();
        assertThat(queue.state()).as("24 ms in the receive queue: below the default 25").isEqualTo(OverloadJudge.State.NORMAL);
        signals.queued = 25;
        queue.tick();
        assertThat(queue.state()).as("one long wait: a collector's pause, not overload").isEqualTo(OverloadJudge.State.NORMAL);
        queue.tick();
        assertThat(queue.state()).as("25 ms at two judgments in a row").isEqualTo(OverloadJudge.State.OVERLOADED);
        signals.queued = 10;
        OverloadJudge spike = judge();
        spike.tick();
        signals.queued = 40;
        spike.tick();
        signals.queued = 10;
        spike.tick();
        assertThat(spike.state()).as("a 40 ms spike between short waits").isEqualTo(OverloadJudge.State.NORMAL);
        signals.queued = 61;
        spike.tick();
        signals.queued = 3;
        spike.tick();
        assertThat(spike.state()).as("a 61 ms spike, a young pause under load, between short waits")
                .isEqualTo(OverloadJudge.State.NORMAL);
        signals.queued = 100;
        spike.tick();
        assertThat(spike.state()).as("four times the limit at once").isEqualTo(OverloadJudge.State.OVERLOADED);
    }

    @Test
    void theDecisionPercentileSlidesWithTheWindow() {
        LatencyWindow window = new LatencyWindow(() -> now, TimeUnit.SECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(window.quantileMs(0.95)).isZero();
        for (int i = 0; i < 95; i++) {
            window.record(TimeUnit.MILLISECONDS.toNanos(10));
        }
        for (int i = 0; i < 5; i++) {
            window.record(TimeUnit.MILLISECONDS.toNanos(900));
        }
        assertThat(window.quantileMs(0.95)).as("upper edge of its 2 ms bin").isBetween(10L, 12L);
        window.record(TimeUnit.MILLISECONDS.toNanos(900));
        assertThat(window.quantileMs(0.95)).isBetween(900L, 902L);
        window.record(TimeUnit.SECONDS.toNanos(30));
        assertThat(window.quantileMs(1.0)).as("beyond the last bin").isEqualTo(2048);
        now += TimeUnit.MILLISECONDS.toNanos(1_000);
        assertThat(window.quantileMs(0.95)).as("a window later it is all gone").isZero();
    }
}
