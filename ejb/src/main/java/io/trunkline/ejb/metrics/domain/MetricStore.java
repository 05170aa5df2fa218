package io.trunkline.ejb.metrics.domain;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where the rolled-up windows live: the 5-minute and hourly rows per origin, dimension and subject, and the marks
 * of the windows that stored calls changed and that wait to be recomputed.
 */
public interface MetricStore {

    /** The length of the base window. */
    long WINDOW_MS = 300_000;

    /** The start of the 5-minute window a time falls in. */
    static Instant windowOf(Instant t) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), WINDOW_MS) * WINDOW_MS);
    }

    /** One rolled-up row: a window of {@code minutes} (5 or 60) starting at {@code start}. */
    record Row(int minutes, Instant start, String origin, String dimension, String subject, WindowStats stats) {
    }

    /**
     * Marks windows as changed (a window already marked stays marked, its mark's number raised, so that a
     * recomputation that began before this mark does not take it away: {@link #unmark(Instant, long)}).
     */
    void markDirty(Collection<Instant> windows, Instant now) throws SQLException;

    /** The oldest marked windows, at most {@code limit}. */
    List<Instant> dirty(int limit) throws SQLException;

    int dirtyCount() throws SQLException;

    /** The number of a window's mark as it stands (committed); empty when the window is not marked. */
    OptionalLong markOf(Instant window) throws SQLException;

    /**
     * Takes a window's mark away if it is still the one numbered {@code mark}; false when the window was marked again
     * since (it stays marked for another recomputation) or not at all.
     */
    boolean unmark(Instant window, long mark) throws SQLException;

    /** Replaces every row of one window with {@code rows}. */
    void replace(int minutes, Instant start, List<Row> rows) throws SQLException;

    /** Rows of windows starting in [from, to), optionally of one dimension, subject and origin (null: all). */
    List<Row> rows(int minutes, Instant from, Instant to, String dimension, String subject, String origin)
            throws SQLException;
}
