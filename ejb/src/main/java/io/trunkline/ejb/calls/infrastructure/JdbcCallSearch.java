package io.trunkline.ejb.calls.infrastructure;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.ejb.calls.api.CallOutcome;
import io.trunkline.ejb.calls.api.CallRecords.CallSummary;
import io.trunkline.ejb.calls.api.CallRecords.Query;
import io.trunkline.ejb.calls.domain.CallSearchStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/**
 * The call search in plain JDBC over {@code call_record} (partitioned by month on PostgreSQL) and {@code call_attempt}.
 * Every search reads newest first from an index on {@code started_at} or on a filter column followed by
 * {@code started_at} (V21), and stops after the page: a filter that is an OR over several indexed columns (a number
 * in four columns and its forms, a carrier as origin or as any attempt's target) becomes one branch per column and
 * value, each reading its own index newest first up to the page's size, merged (UNION) and cut to the page. Totals are
 * counted the same way up to a cap, never over every match.
 */
@Dependent
public class JdbcCallSearch implements CallSearchStore {

    private final DataSource dataSource;

    @Inject
    public JdbcCallSearch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<CallSummary> calls(Query query, int rows) throws SQLException {
        List<CallSummary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            CallSearchSql.Statement s = CallSearchSql.page(query, rows, postgres(c));
            try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                bind(ps, s.args());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(summary(rs));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public long count(Query query, int cap) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            CallSearchSql.Statement s = CallSearchSql.count(query, cap, postgres(c));
            try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                bind(ps, s.args());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Math.min(cap, rs.getLong(1));
                }
            }
        }
    }

    @Override
    public Optional<String> record(CallId callId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT record FROM call_record WHERE call_id = ? ORDER BY started_at DESC")) {
            ps.setString(1, callId.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** A row of {@link CallSearchSql#COLUMNS}. */
    private static CallSummary summary(ResultSet rs) throws SQLException {
        Instant answered = instant(rs.getTimestamp(15));
        int attempts = rs.getInt(14);
        int code = rs.getInt(18);
        return new CallSummary(rs.getString(1), instant(rs.getTimestamp(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), attempts, answered, instant(rs.getTimestamp(16)),
                rs.getLong(17), code, rs.getString(19), CallOutcome.kindOf(answered, attempts, code).label());
    }

    private static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Instant t) {
                ps.setTimestamp(i + 1, Timestamp.from(t));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
