package io.trunkline.ejb.replay.domain;

import io.trunkline.ejb.metrics.domain.MetricStore;
import io.trunkline.ejb.metrics.domain.WindowStats;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a carrier was measured to do over the replayed period: its attempts, ASR (answered / attempts), median PDD
 * and MOS, from the metric windows of the edge's attempts, or of the stored CDRs where the edge measured none of its
 * calls. A replay's expected ASR and PDD are the averages of these over the calls each side sends to the carrier,
 * and each carrier's quality as the decisions' quality floors see it.
 *
 * @param origin     {@code edge} or {@code cdr}: which calls the figures are of
 * @param asrPercent null without attempts
 * @param pddMs      the median post-dial delay, null when none was measured
 * @param mos        null when none was measured
 */
public record CarrierFigures(String carrier, String origin, long attempts, Double asrPercent, Long pddMs, Double mos) {

    /** Per carrier, from metric rows of dimension {@code carrier} of both origins (edge preferred). */
    public static Map<String, CarrierFigures> of(Iterable<MetricStore.Row> rows) {
        Map<String, WindowStats> edge = new TreeMap<>();
        Map<String, WindowStats> cdr = new TreeMap<>();
        for (MetricStore.Row r : rows) {
            if (!"carrier".equals(r.dimension())) {
                continue;
            }
            Map<String, WindowStats> into = "edge".equals(r.origin()) ? edge : "cdr".equals(r.origin()) ? cdr : null;
            if (into != null) {
                into.computeIfAbsent(r.subject(), k -> new WindowStats()).merge(r.stats());
            }
        }
        Map<String, CarrierFigures> out = new TreeMap<>();
        cdr.forEach((carrier, s) -> put(out, carrier, "cdr", s));
        edge.forEach((carrier, s) -> put(out, carrier, "edge", s));
        return out;
    }

    private static void put(Map<String, CarrierFigures> out, String carrier, String origin, WindowStats s) {
        if (s.attempts > 0) {
            out.put(carrier, new CarrierFigures(carrier, origin, s.attempts, 100.0 * s.answered / s.attempts,
                    s.pddQuantile(0.5), s.mos()));
        }
    }
}
