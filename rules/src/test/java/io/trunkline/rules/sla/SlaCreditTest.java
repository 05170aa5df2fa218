package io.trunkline.rules.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.rules.testing.RulebookSessions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped SLA credit table on a few months: every row hit, the schedule's band, quality floors, small months. */
class SlaCreditTest {

    private static final List<SlaMonth.Band> SCHEDULE = List.of(new SlaMonth.Band(99.9, 5), new SlaMonth.Band(99.5, 10),
            new SlaMonth.Band(99.0, 25));
    private static RulebookSessions sessions;

    @BeforeAll
    static void compile() {
        sessions = new RulebookSessions();
    }

    @AfterAll
    static void everyRowFired() {
        assertThat(sessions.coverage().rowsFired("SlaCredit")).isEqualTo(SlaCreditTableSource.shipped().rowCount());
    }

    private static List<SlaMeasure> judge(SlaMonth month) {
        List<SlaMeasure> measures = month.measures();
        measures.forEach(m -> sessions.fire("sla-session", m));
        return measures.stream().filter(SlaMeasure::isClaimed).toList();
    }

    private static SlaMonth month(long attempts, double availability, double asr, double ner, long pdd, double mos) {
        return new SlaMonth("carrier-a", "2026-10", attempts, availability, 99.9, asr, 40.0, ner, 95.0, pdd, 4000L, mos,
                3.8, SCHEDULE);
    }

    @Test
    void aMonthWithinEveryTermEarnsNothing() {
        assertThat(judge(month(50_000, 99.95, 55, 98, 2500, 4.2))).isEmpty();
    }

    @Test
    void availabilityEarnsTheScheduleBandItFallsIn() {
        List<SlaMeasure> judged = judge(month(50_000, 99.2, 55, 98, 2500, 4.2));
        assertThat(judged).singleElement().satisfies(m -> {
            assertThat(m.getMeasure()).isEqualTo("availability");
            assertThat(m.getCreditPercent()).isEqualTo(10.0);
            assertThat(m.getRule()).startsWith("SlaCredit_");
        });
        assertThat(SlaMonth.creditPercent(judged)).isEqualTo(10.0);
        assertThat(SlaMonth.creditPercent(judge(month(50_000, 99.7, 55, 98, 2500, 4.2)))).isEqualTo(5.0);
        assertThat(SlaMonth.creditPercent(judge(month(50_000, 98.0, 55, 98, 2500, 4.2)))).isEqualTo(25.0);
    }

    @Test
    void qualityBreachesEarnTheirCreditOnlyOnEnoughCallsAndTheLargestCreditWins() {
        List<SlaMeasure> judged = judge(month(50_000, 99.8, 30, 90, 6000, 3.1));
        assertThat(judged).extracting(SlaMeasure::getMeasure).containsExactly("availability", "asr", "ner", "pdd", "mos");
        assertThat(SlaMonth.creditPercent(judged)).as("the worst band, not a sum").isEqualTo(5.0);
        List<SlaMeasure> small = judge(month(999, 99.95, 30, 90, 6000, 3.1));
        assertThat(small).as("999 calls: quality not claimed").isEmpty();
    }

    @Test
    void aMeasureWithoutATermIsNeverBreached() {
        SlaMonth noFloors = new SlaMonth("carrier-a", "2026-10", 50_000, 99.99, 99.9, 10.0, null, 10.0, null, 9000L, null,
                2.0, null, SCHEDULE);
        assertThat(judge(noFloors)).isEmpty();
    }
}
