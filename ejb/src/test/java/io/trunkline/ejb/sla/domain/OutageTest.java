package io.trunkline.ejb.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outage windows: trunk changes per node, the union with incidents, clipping to the month, and the availability. */
class OutageTest {

    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-01T00:00:00Z");

    private static Instant t(String s) {
        return Instant.parse("2026-10-" + s + "Z");
    }

    @Test
    void overlappingWindowsFromTrunksAndIncidentsCountOnce() {
        List<Outage> trunk = Outage.fromTrunkChanges(List.of(
                new Outage.TrunkChange("edge-1", t("05T10:00:00"), false),
                new Outage.TrunkChange("edge-2", t("05T10:30:00"), false),
                new Outage.TrunkChange("edge-1", t("05T12:00:00"), true),
                new Outage.TrunkChange("edge-2", t("05T11:00:00"), true)), TO);
        assertThat(trunk).hasSize(2);
        Outage incident = new Outage(t("05T11:30:00"), t("05T13:00:00"), "incident", "INC-1: Degraded (resolved)");
        List<Outage> merged = Outage.merged(List.of(trunk.get(0), trunk.get(1), incident), FROM, TO);
        assertThat(merged).singleElement().satisfies(w -> {
            assertThat(w.from()).isEqualTo(t("05T10:00:00"));
            assertThat(w.to()).isEqualTo(t("05T13:00:00"));
            assertThat(w.source()).isEqualTo("trunk; incident");
        });
        assertThat(Outage.availabilityPercent(merged, FROM, TO)).isCloseTo(100.0 * (1 - 3.0 / (31 * 24)), within(1e-9));
    }

    @Test
    void windowsAreClippedToTheMonthAndAStateCarriedInFromBeforeCounts() {
        List<Outage> trunk = Outage.fromTrunkChanges(List.of(
                new Outage.TrunkChange("edge-1", Instant.parse("2026-09-30T22:00:00Z"), false),
                new Outage.TrunkChange("edge-1", t("01T02:00:00"), true),
                new Outage.TrunkChange("edge-1", t("31T23:00:00"), false)), TO);
        List<Outage> merged = Outage.merged(trunk, FROM, TO);
        assertThat(merged).extracting(w -> w.duration().toHours()).containsExactly(2L, 1L);
        assertThat(merged.get(0).from()).isEqualTo(FROM);
        assertThat(Outage.availabilityPercent(List.of(), FROM, TO)).isEqualTo(100.0);
    }

    @Test
    void aMonthWithOutagesOf0Point8PercentOfItsHoursIsAt99Point2Percent() {
        SlaTerms terms = SlaTermsBuilder.carrierA().build();
        MonthReport r = MonthReport.measure(terms, YearMonth.of(2026, 10), List.of(
                        new Outage.TrunkChange("edge-1", t("10T00:00:00"), false),
                        new Outage.TrunkChange("edge-1", t("10T03:00:00"), true)),
                List.of(new Outage(t("20T02:00:00"), t("20T04:57:07.200"), "incident", "INC-9")), List.of());
        assertThat(r.availabilityPercent()).isCloseTo(99.2, within(0.0001));
        assertThat(r.outageSeconds()).as("0.8 % of 744 hours").isEqualTo(21_427);
        assertThat(r.from()).isEqualTo(YearMonth.of(2026, 10).atDay(1).atStartOfDay(ZoneId.of("UTC")).toInstant());
    }
}
