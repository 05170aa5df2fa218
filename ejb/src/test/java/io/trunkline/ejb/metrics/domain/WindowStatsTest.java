package io.trunkline.ejb.metrics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window arithmetic: ratios, failures, PDD quantiles from buckets, the concurrency peak, and merging. */
class WindowStatsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static CallFact fact(int code, Long pdd, long billable, Double mos, String cost) {
        return new CallFact("cdr", Map.of("carrier", "carrier-a"), T0, T0.plusSeconds(60), code, pdd, billable, mos,
                cost == null ? null : new BigDecimal(cost));
    }

    @Test
    void ratiosCountAnsweredAndNetworkEffectiveAttempts() {
        WindowStats w = new WindowStats();
        w.add(fact(200, 1200L, 60_000, 4.2, "0.012"));
        w.add(fact(200, 800L, 120_000, 4.0, "0.024"));
        w.add(fact(486, 900L, 0, null, null));
        w.add(fact(480, null, 0, null, null));
        w.add(fact(503, 100L, 0, null, null));
        assertThat(w.attempts).isEqualTo(5);
        assertThat(w.asr()).isEqualTo(0.4);
        assertThat(w.ner()).as("answered, busy and no answer; not the 503").isEqualTo(0.8);
        assertThat(w.acdSeconds()).isEqualTo(90.0);
        assertThat(w.failures).containsExactly(Map.entry(480, 1), Map.entry(486, 1), Map.entry(503, 1));
        assertThat(w.mos()).isEqualTo(4.1);
        assertThat(w.cost).isEqualByComparingTo("0.036");
        assertThat(w.rated).isEqualTo(2);
    }

    @Test
    void pddQuantilesInterpolateInsideTheirBucket() {
        WindowStats w = new WindowStats();
        for (int i = 0; i < 90; i++) {
            w.add(fact(200, 600L, 1_000, null, null));
        }
        for (int i = 0; i < 10; i++) {
            w.add(fact(200, 7_000L, 1_000, null, null));
        }
        assertThat(w.pddQuantile(0.5)).as("50th of 90 in 500-750 ms").isEqualTo(639);
        assertThat(w.pddQuantile(0.95)).as("5th of 10 in 6-8 s").isEqualTo(7_000);
        assertThat(new WindowStats().pddQuantile(0.95)).isNull();
    }

    @Test
    void anHourIsTheSumOfItsWindowsAndItsPeakTheHighest() {
        WindowStats a = new WindowStats();
        a.add(fact(200, 1_000L, 10_000, null, "0.01"));
        a.concurrentPeak = 7;
        WindowStats b = new WindowStats();
        b.add(fact(503, null, 0, null, null));
        b.concurrentPeak = 4;
        WindowStats hour = new WindowStats();
        hour.merge(a);
        hour.merge(b);
        assertThat(hour.attempts).isEqualTo(2);
        assertThat(hour.asr()).isEqualTo(0.5);
        assertThat(hour.concurrentPeak).isEqualTo(7);
        assertThat(hour.failures).containsExactly(Map.entry(503, 1));
        assertThat(hour.pddQuantile(0.5)).as("the one PDD, 1 s, halfway through 750-1000 ms").isEqualTo(875);
    }

    @Test
    void peakCountsCallsUpAtOnceInsideTheWindow() {
        Instant end = T0.plusSeconds(300);
        List<Instant[]> calls = List.of(
                new Instant[]{T0.minusSeconds(100), T0.plusSeconds(50)},
                new Instant[]{T0.plusSeconds(10), T0.plusSeconds(60)},
                new Instant[]{T0.plusSeconds(50), T0.plusSeconds(70)},
                new Instant[]{T0.plusSeconds(55), T0.plusSeconds(400)},
                new Instant[]{T0.plusSeconds(200), T0.plusSeconds(200)},
                new Instant[]{T0.minusSeconds(500), T0.minusSeconds(1)});
        assertThat(WindowStats.peak(calls, T0, end)).as("at 55 s: the 2nd, 3rd and 4th; the 1st ended at 50 s").isEqualTo(3);
    }

    @Test
    void q850CausesBecomeSipCodesByRfc3398() {
        assertThat(Q850.toSip(17)).isEqualTo(486);
        assertThat(Q850.toSip(34)).isEqualTo(503);
        assertThat(Q850.toSip(21)).isEqualTo(603);
        assertThat(Q850.outcome("NO_ANSWER", null, 16)).as("caller gave up: no answer").isEqualTo(480);
        assertThat(Q850.outcome("FAILED", 404, null)).isEqualTo(404);
        assertThat(Q850.outcome("ANSWERED", null, 16)).isEqualTo(200);
        assertThat(Q850.outcome("CONGESTION", null, null)).isEqualTo(503);
    }

    @Test
    void lossAndJitterAverageOverTheCallsThatMeasuredThemAndMergeAsSums() {
        WindowStats a = new WindowStats();
        a.add(new CallFact("edge", Map.of("carrier", "carrier-a"), T0, T0.plusSeconds(60), 200, 300L, 60_000, 3.5, null,
                10.0, 4.0));
        a.add(new CallFact("edge", Map.of("carrier", "carrier-a"), T0, T0.plusSeconds(60), 200, 300L, 60_000, 4.4, null,
                0.0, 2.0));
        a.add(fact(200, 300L, 60_000, null, null));
        assertThat(a.lossPct()).as("two calls measured").isEqualTo(5.0);
        assertThat(a.jitterMs()).isEqualTo(3.0);
        WindowStats none = new WindowStats();
        none.add(fact(503, null, 0, null, null));
        assertThat(none.lossPct()).isNull();
        assertThat(none.jitterMs()).isNull();
        WindowStats hour = new WindowStats();
        hour.merge(a);
        hour.merge(none);
        WindowStats b = new WindowStats();
        b.add(new CallFact("edge", Map.of("carrier", "carrier-a"), T0, T0.plusSeconds(60), 200, 300L, 60_000, 2.2, null,
                20.0, 6.0));
        hour.merge(b);
        assertThat(hour.lossPct()).isEqualTo(10.0);
        assertThat(hour.jitterMs()).isEqualTo(4.0);
    }
}
