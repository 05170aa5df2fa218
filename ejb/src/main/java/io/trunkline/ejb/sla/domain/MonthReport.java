package io.trunkline.ejb.sla.domain;

import io.trunkline.rules.sla.SlaMonth;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * What a carrier's month looked like against its terms: the outage windows (trunk down on any edge node, or an
 * incident on the carrier's own status feed: their union, clipped to the month), the availability they leave, and the
 * quality figures of its metric windows.
 */
public record MonthReport(SlaTerms terms, YearMonth month, Instant from, Instant to, List<Outage> outages,
                         List<Outage> incidents, double availabilityPercent, MonthFigures figures) {

    public static MonthReport measure(SlaTerms terms, YearMonth month, List<Outage.TrunkChange> trunkChanges,
                                      List<Outage> incidents, List<MonthFigures.Window> windows) {
        Instant from = terms.monthStart(month);
        Instant to = terms.monthEnd(month);
        List<Outage> all = new ArrayList<>(Outage.fromTrunkChanges(trunkChanges, to));
        all.addAll(incidents);
        List<Outage> merged = Outage.merged(all, from, to);
        return new MonthReport(terms, month, from, to, merged, incidents, Outage.availabilityPercent(merged, from, to),
                MonthFigures.of(windows, terms));
    }

    public long outageSeconds() {
        return outages.stream().mapToLong(o -> o.duration().toSeconds()).sum();
    }

    /** The fact the {@code sla} rulebook judges. */
    public SlaMonth fact() {
        return new SlaMonth(terms.carrier(), month.toString(), figures.attempts(), availabilityPercent,
                terms.availabilityPercent().doubleValue(), figures.asrPercent(), d(terms.asrFloorPercent()),
                figures.nerPercent(), d(terms.nerFloorPercent()), figures.pddP95Ms(),
                terms.pddCeilingMs() == null ? null : terms.pddCeilingMs().longValue(), figures.mos(), d(terms.mosFloor()),
                terms.schedule().stream().map(b -> new SlaMonth.Band(b.belowPercent().doubleValue(),
                        b.creditPercent().doubleValue())).toList());
    }

    private static Double d(java.math.BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }
}
