package io.trunkline.ejb.metrics.api;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.ejb.Local;

/** Metrics per window and subject, and their sum over a period, for the API, the UI and Prometheus. */
@Local
public interface Metrics {

    /**
     * One subject's figures in one window, or summed over the period asked (then {@code start} is its start).
     *
     * @param identities        a carrier's STIR/SHAKEN tallies: outbound calls by expected attestation ({@code out:A},
     *                          {@code out:B}, {@code out:C}, {@code out:none}), inbound calls by verification outcome
     *                          ({@code in:PASSED}, {@code in:MISSING}, {@code in:FAILED:<reason>})
     * @param identityFailedShare of the inbound identities verified, the share that failed; null when none was
     */
    record Figures(Instant start, int minutes, String origin, String dimension, String subject, int attempts,
                   int answered, Double asr, Double ner, Double acdSeconds, Long pddP50Ms, Long pddP95Ms,
                   Map<Integer, Integer> failures, int concurrentPeak, Double mos, BigDecimal cost, int rated,
                   Map<String, Integer> identities, Double identityFailedShare, Double lossPct, Double jitterMs)
            implements Serializable {
    }

    record Report(List<Figures> windows, List<Figures> totals, int pendingWindows) implements Serializable {
    }

    /**
     * @param minutes   5 or 60
     * @param dimension carrier, trunk, pbx or class; null for all
     * @param subject   one subject, or null for all
     * @param origin    edge or cdr, or null for both
     * @throws IllegalArgumentException naming the parameter at fault
     */
    Report report(Instant from, Instant to, int minutes, String dimension, String subject, String origin);

    /** The last complete 5-minute window of every subject, in the Prometheus text exposition format. */
    String prometheus();
}
