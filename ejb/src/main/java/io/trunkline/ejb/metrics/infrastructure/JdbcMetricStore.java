package io.trunkline.ejb.metrics.infrastructure;

import io.trunkline.ejb.metrics.domain.MetricStore;
import io.trunkline.ejb.metrics.domain.WindowStats;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/**
 * The metric windows and the marks of windows to recompute, in plain JDBC. Rows are written per window whole
 * (deleted and inserted in the caller's transaction), never updated field by field.
 */
@Dependent
public final class JdbcMetricStore implements MetricStore {

    /** Windows are 5 minutes; the hour rows are sums of twelve of them. */

    private final DataSource dataSource;

    @Inject
    public JdbcMetricStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }


    /**
     * Marks 5-minute windows for recomputation; a window already marked stays marked once, its mark's number raised.
     * The row lock this takes makes a recomputation removing the mark it started from ({@link #unmark(Instant, long)})
     * wait for this transaction and then find the number raised, so no stored call is left out of its window unmarked;
     * the recomputation holds that lock only for its last statement, so storing calls never waits for one.
     */
    @Override
    public void markDirty(Collection<Instant> windows, Instant now) throws SQLException {
        if (windows.isEmpty()) {
            return;
        }
        List<Instant> sorted = windows.stream().sorted().toList();
        try (Connection c = dataSource.getConnection()) {
            if (c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_dirty (window_start, marked_at) "
                        + "VALUES (?, ?) ON CONFLICT (window_start) DO UPDATE "
                        + "SET marked_at = EXCLUDED.marked_at, mark_no = metric_dirty.mark_no + 1")) {
                    for (Instant w : sorted) {
                        ps.setTimestamp(1, Timestamp.from(w));
                        ps.setTimestamp(2, Timestamp.from(now));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return;
            }
            // H2 (the embedded default): its MERGE cannot raise a number, so an update, else an insert, else (a mark
            // inserted meanwhile) the update again; a failed statement does not end an H2 transaction.
            for (Instant w : sorted) {
                if (raise(c, w, now) == 0) {
                    try (PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO metric_dirty (window_start, marked_at) VALUES (?, ?)")) {
                        ins.setTimestamp(1, Timestamp.from(w));
                        ins.setTimestamp(2, Timestamp.from(now));
                        ins.executeUpdate();
                    } catch (SQLException e) {
                        if (!"23505".equals(e.getSQLState())) {
                            throw e;
                        }
                        raise(c, w, now);
                    }
                }
            }
        }
    }

    private static int raise(Connection c, Instant window, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE metric_dirty SET marked_at = ?, mark_no = mark_no + 1 WHERE window_start = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(window));
            return ps.executeUpdate();
        }
    }

    @Override
    public List<Instant> dirty(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT window_start FROM metric_dirty ORDER BY window_start LIMIT ?")) {
            ps.setInt(1, limit);
            List<Instant> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getTimestamp(1).toInstant());
                }
            }
            return out;
        }
    }

    @Override
    public int dirtyCount() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM metric_dirty");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public OptionalLong markOf(Instant window) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT mark_no FROM metric_dirty WHERE window_start = ?")) {
            ps.setTimestamp(1, Timestamp.from(window));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    @Override
    public boolean unmark(Instant window, long mark) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM metric_dirty WHERE window_start = ? AND mark_no = ?")) {
            ps.setTimestamp(1, Timestamp.from(window));
            ps.setLong(2, mark);
            return ps.executeUpdate() == 1;
        }
    }


    /** Replaces every row of one window ({@code minutes} long, starting at {@code start}). */
    @Override
    public void replace(int minutes, Instant start, List<Row> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM metric_window WHERE window_minutes = ? AND window_start = ?")) {
                ps.setInt(1, minutes);
                ps.setTimestamp(2, Timestamp.from(start));
                ps.executeUpdate();
            }
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_window (window_minutes, window_start, "
                    + "origin, dimension, subject, attempts, answered, network_effective, billable_ms, pdd_buckets, "
                    + "failures, concurrent_peak, mos_sum, mos_count, cost, rated, identities, loss_sum, loss_count, "
                    + "jitter_sum, jitter_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Row r : rows) {
                    WindowStats s = r.stats();
                    ps.setInt(1, minutes);
                    ps.setTimestamp(2, Timestamp.from(start));
                    ps.setString(3, r.origin());
                    ps.setString(4, r.dimension());
                    ps.setString(5, truncate(r.subject(), 128));
                    ps.setInt(6, s.attempts);
                    ps.setInt(7, s.answered);
                    ps.setInt(8, s.networkEffective);
                    ps.setLong(9, s.billableMs);
                    ps.setString(10, buckets(s.pdd));
                    ps.setString(11, failures(s.failures));
                    ps.setInt(12, s.concurrentPeak);
                    ps.setDouble(13, s.mosSum);
                    ps.setInt(14, s.mosCount);
                    ps.setBigDecimal(15, s.cost);
                    ps.setInt(16, s.rated);
                    ps.setString(17, tallies(s.identities));
                    ps.setDouble(18, s.lossSum);
                    ps.setInt(19, s.lossCount);
                    ps.setDouble(20, s.jitterSum);
                    ps.setInt(21, s.jitterCount);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /**
     * Stored windows of {@code minutes} starting in [from, to), optionally of one dimension, subject and origin
     * (null for all), ordered by dimension, subject, origin and time.
     */
    @Override
    public List<Row> rows(int minutes, Instant from, Instant to, String dimension, String subject, String origin)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT window_minutes, window_start, origin, dimension, subject, attempts, "
                + "answered, network_effective, billable_ms, pdd_buckets, failures, concurrent_peak, mos_sum, mos_count, "
                + "cost, rated, identities, loss_sum, loss_count, jitter_sum, jitter_count FROM metric_window WHERE window_minutes = ? AND window_start >= ? AND window_start < ?");
        List<Object> args = new ArrayList<>(List.of(minutes, Timestamp.from(from), Timestamp.from(to)));
        if (dimension != null) {
            sql.append(" AND dimension = ?");
            args.add(dimension);
        }
        if (subject != null) {
            sql.append(" AND subject = ?");
            args.add(subject);
        }
        if (origin != null) {
            sql.append(" AND origin = ?");
            args.add(origin);
        }
        sql.append(" ORDER BY dimension, subject, origin, window_start");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WindowStats s = new WindowStats();
                    s.attempts = rs.getInt(6);
                    s.answered = rs.getInt(7);
                    s.networkEffective = rs.getInt(8);
                    s.billableMs = rs.getLong(9);
                    readBuckets(rs.getString(10), s.pdd);
                    readFailures(rs.getString(11), s.failures);
                    s.concurrentPeak = rs.getInt(12);
                    s.mosSum = rs.getDouble(13);
                    s.mosCount = rs.getInt(14);
                    BigDecimal cost = rs.getBigDecimal(15);
                    s.cost = cost == null ? BigDecimal.ZERO : cost;
                    s.rated = rs.getInt(16);
                    readTallies(rs.getString(17), s.identities);
                    s.lossSum = rs.getDouble(18);
                    s.lossCount = rs.getInt(19);
                    s.jitterSum = rs.getDouble(20);
                    s.jitterCount = rs.getInt(21);
                    out.add(new Row(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), s));
                }
            }
            return out;
        }
    }

    static String buckets(long[] counts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(counts[i]);
        }
        return b.toString();
    }

    static void readBuckets(String text, long[] into) {
        String[] parts = text.split(",");
        for (int i = 0; i < Math.min(parts.length, into.length); i++) {
            into[i] = Long.parseLong(parts[i]);
        }
    }

    static String failures(Map<Integer, Integer> failures) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Integer, Integer> e : failures.entrySet()) {
            if (b.length() > 1900) {
                break;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(e.getKey()).append(':').append(e.getValue());
        }
        return b.toString();
    }

    static void readFailures(String text, Map<Integer, Integer> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            into.merge(Integer.parseInt(pair.substring(0, colon)), Integer.parseInt(pair.substring(colon + 1)), Integer::sum);
        }
    }

    /** STIR/SHAKEN tallies as {@code in:PASSED=12,out:A=30}; at most 400 characters (a handful of keys in practice). */
    static String tallies(Map<String, Integer> tallies) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Integer> e : tallies.entrySet()) {
            String pair = e.getKey() + '=' + e.getValue();
            if (b.length() + pair.length() + 1 > 400) {
                break;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(pair);
        }
        return b.toString();
    }

    static void readTallies(String text, Map<String, Integer> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split(",")) {
            int eq = pair.lastIndexOf('=');
            into.merge(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)), Integer::sum);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
