package io.trunkline.ejb.metrics.domain;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The stored calls a window is computed from: the edge's attempts and calls, and the CDRs. */
public interface CallFacts {

    /** Prices a call: null when the carrier has no rate for the number on that day. */
    @FunctionalInterface
    interface Rater {
        BigDecimal cost(String carrier, String calledE164, Instant startedAt, long billableMs);
    }

    /** A span of a call, for one origin, dimension and subject. */
    record Span(String origin, String dimension, String subject, Instant start, Instant end) {
    }

    /**
     * One call's STIR/SHAKEN as a carrier's tally counts it: {@code out:A} (an outbound call it carried, expected to
     * arrive with A; {@code out:none} unsigned), {@code in:PASSED}, {@code in:MISSING} or {@code in:FAILED:INVALID}
     * (an inbound call it brought, by the edge's verification).
     */
    record IdentityTally(String origin, String carrier, String key) {
    }

    /** The facts of the calls that started in [from, to), each priced by {@code rater}. */
    List<CallFact> facts(Instant from, Instant to, Rater rater) throws SQLException;

    /** The STIR/SHAKEN tallies of the calls that started in [from, to). */
    List<IdentityTally> identities(Instant from, Instant to) throws SQLException;

    /** The spans of the calls up at some time in [from, to), for the concurrent-call peak. */
    List<Span> spans(Instant from, Instant to) throws SQLException;
}
