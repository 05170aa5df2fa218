package io.trunkline.ejb.replay.domain;

import java.sql.SQLException;
import java.time.Instant;

/**
 * The recorded calls of a period, read as a stream: the edge's call records (test calls left out), then the CDRs of
 * PBX sources for the calls the edge did not carry. Never the whole period in memory.
 */
public interface RecordedCalls {

    /** Takes the calls one by one; answering false stops the reading. */
    @FunctionalInterface
    interface Sink {
        boolean take(RecordedCall call);
    }

    /** How many calls {@link #read} would give at most (CDRs the edge also carried are counted here). */
    long count(Instant from, Instant to) throws SQLException;

    /** Hands every call that started in [from, to) to {@code sink}, until it answers false. */
    void read(Instant from, Instant to, Sink sink) throws SQLException;
}
