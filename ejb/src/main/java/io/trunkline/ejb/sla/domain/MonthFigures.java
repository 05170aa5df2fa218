package io.trunkline.ejb.sla.domain;

import io.trunkline.ejb.metrics.domain.WindowStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A carrier's quality over a month from its metric windows: the month's ASR and NER (ITU-T E.411 ratios over every
 * attempt), PDD p95 and mean MOS, and the windows that on their own fell below a floor (or above the PDD ceiling),
 * the evidence a claim lists.
 */
public record MonthFigures(long attempts, Double asrPercent, Double nerPercent, Long pddP95Ms, Double mos,
                           List<WindowBelow> below) {

    /** Windows with fewer attempts are not listed as below a floor: a handful of calls proves nothing. */
    public static final int MIN_WINDOW_ATTEMPTS = 10;

    /** One metric window and why it is evidence. */
    public record WindowBelow(Instant start, int minutes, int attempts, Double asrPercent, Double nerPercent,
                              Long pddP95Ms, Double mos, String reasons) {
    }

    /** One stored window of the carrier. */
    public record Window(Instant start, int minutes, WindowStats stats) {
    }

    public static MonthFigures of(List<Window> windows, SlaTerms terms) {
        WindowStats month = new WindowStats();
        List<WindowBelow> below = new ArrayList<>();
        for (Window w : windows) {
            month.merge(w.stats());
            WindowStats s = w.stats();
            if (s.attempts < MIN_WINDOW_ATTEMPTS) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            Double asr = percent(s.asr());
            Double ner = percent(s.ner());
            Long pdd = s.pddQuantile(0.95);
            if (under(asr, terms.asrFloorPercent())) {
                reasons.add("ASR below " + plain(terms.asrFloorPercent()) + " %");
            }
            if (under(ner, terms.nerFloorPercent())) {
                reasons.add("NER below " + plain(terms.nerFloorPercent()) + " %");
            }
            if (pdd != null && terms.pddCeilingMs() != null && pdd > terms.pddCeilingMs()) {
                reasons.add("PDD p95 above " + terms.pddCeilingMs() + " ms");
            }
            if (under(s.mos(), terms.mosFloor())) {
                reasons.add("MOS below " + plain(terms.mosFloor()));
            }
            if (!reasons.isEmpty()) {
                below.add(new WindowBelow(w.start(), w.minutes(), s.attempts, asr, ner, pdd, s.mos(),
                        String.join("; ", reasons)));
            }
        }
        return new MonthFigures(month.attempts, percent(month.asr()), percent(month.ner()), month.pddQuantile(0.95),
                month.mos(), below);
    }

    /** A term as the contract writes it: 40, not 40.00 as the database keeps it. */
    static String plain(java.math.BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static Double percent(Double ratio) {
        return ratio == null ? null : ratio * 100.0;
    }

    private static boolean under(Double measured, java.math.BigDecimal floor) {
        return measured != null && floor != null && measured < floor.doubleValue();
    }
}
