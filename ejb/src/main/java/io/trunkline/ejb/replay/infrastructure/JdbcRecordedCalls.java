package io.trunkline.ejb.replay.infrastructure;

import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.ejb.metrics.domain.Q850;
import io.trunkline.ejb.replay.domain.RecordedCall;
import io.trunkline.ejb.replay.domain.RecordedCalls;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/**
 * The recorded calls of a period in plain JDBC, read through a cursor ({@link #FETCH} rows at a time, in a read-only
 * transaction of its own: PostgreSQL's driver streams only with auto-commit off), never the whole period in memory:
 * {@code call_record} without test calls, then the {@code cdr} rows of PBX sources, one per call (source and call
 * key: {@link #FIRST_OF_CALL}), for which no call record of the same PBX and dialed number started within
 * {@link #SAME_CALL_SECONDS} seconds (the edge carried those, and its record is the better one). PostgreSQL and the embedded H2 write the window differently.
 */
@Dependent
public class JdbcRecordedCalls implements RecordedCalls {

    static final int FETCH = 5_000;
    /** How far apart a PBX's CDR and the edge's record of one call may start (the two clocks, the PBX's set-up). */
    static final int SAME_CALL_SECONDS = 5;

    private static final String EDGE = "SELECT call_id, started_at, direction, origin, pbx_id, calling_dialed, "
            + "called_dialed, answered_at, duration_ms, stir_verstat, stir_failure, stir_attest FROM call_record "
            + "WHERE started_at >= ? AND started_at < ? AND test_call IS NULL";
    private static final String PBX_CDRS = "SELECT c.record_key, c.source, c.started_at, c.pbx_id, c.calling_raw, "
            + "c.called_raw, c.calling_e164, c.disposition, c.sip_code, c.q850_cause, c.billable_ms FROM cdr c "
            + "WHERE c.pbx_id IS NOT NULL AND c.started_at >= ? AND c.started_at < ?";
    /**
     * One CDR per call: a forked Dial (a ring group, sequential hunting) writes one CDR per callee, all under the
     * caller's call key (Asterisk's uniqueid), and the replay is of calls, not of the PBX's records of them. The one
     * kept is the best of them: answered before not, then the longest billable time, then the least record key.
     */
    private static final String FIRST_OF_CALL = " AND NOT EXISTS (SELECT 1 FROM cdr d WHERE d.source = c.source "
            + "AND d.call_key = c.call_key AND d.pbx_id IS NOT NULL AND (" + answered("d") + " > " + answered("c")
            + " OR (" + answered("d") + " = " + answered("c") + " AND (d.billable_ms > c.billable_ms "
            + "OR (d.billable_ms = c.billable_ms AND d.record_key < c.record_key)))))";
    private static final String NOT_CARRIED = " AND NOT EXISTS (SELECT 1 FROM call_record r WHERE r.pbx_id = c.pbx_id "
            + "AND r.called_dialed = c.called_raw AND r.started_at BETWEEN %s AND %s)";

    private final DataSource dataSource;

    @Inject
    public JdbcRecordedCalls(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long count(Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return count(c, "SELECT count(*) FROM call_record WHERE started_at >= ? AND started_at < ? AND test_call IS NULL",
                    from, to)
                    + count(c, "SELECT count(*) FROM cdr c WHERE c.pbx_id IS NOT NULL AND c.started_at >= ? "
                    + "AND c.started_at < ?" + FIRST_OF_CALL, from, to);
        }
    }

    private static long count(Connection c, String sql, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void read(Instant from, Instant to, Sink sink) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                boolean postgres = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
                String window = postgres
                        ? String.format(NOT_CARRIED, "c.started_at - INTERVAL '" + SAME_CALL_SECONDS + " seconds'",
                        "c.started_at + INTERVAL '" + SAME_CALL_SECONDS + " seconds'")
                        : String.format(NOT_CARRIED, "DATEADD('SECOND', -" + SAME_CALL_SECONDS + ", c.started_at)",
                        "DATEADD('SECOND', " + SAME_CALL_SECONDS + ", c.started_at)");
                if (stream(c, EDGE, from, to, JdbcRecordedCalls::edgeCall, sink)) {
                    stream(c, PBX_CDRS + FIRST_OF_CALL + window, from, to, JdbcRecordedCalls::pbxCdr, sink);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static String answered(String cdr) {
        return "(CASE WHEN " + cdr + ".disposition = 'ANSWERED' THEN 1 ELSE 0 END)";
    }

    @FunctionalInterface
    private interface Row {
        RecordedCall read(ResultSet rs) throws SQLException;
    }

    /** Hands the query's rows to the sink; false when the sink stopped it. */
    private static boolean stream(Connection c, String sql, Instant from, Instant to, Row row, Sink sink)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!sink.take(row.read(rs))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static RecordedCall edgeCall(ResultSet rs) throws SQLException {
        RouteRequest.Direction direction = "INBOUND".equals(rs.getString(3)) ? RouteRequest.Direction.INBOUND
                : RouteRequest.Direction.OUTBOUND;
        String pbx = rs.getString(5);
        String verstat = rs.getString(10);
        String attest = rs.getString(12);
        IdentityCheck identity = verstat == null ? null : new IdentityCheck(verstat, rs.getString(11), "as recorded",
                attest == null ? null : Attestation.valueOf(attest));
        return new RecordedCall(rs.getString(1), RecordedCall.EDGE, rs.getTimestamp(2).toInstant(), direction,
                direction == RouteRequest.Direction.INBOUND ? rs.getString(4) : pbx, pbx, rs.getString(6),
                rs.getString(7), null, rs.getTimestamp(8) != null, rs.getLong(9), identity);
    }

    private static RecordedCall pbxCdr(ResultSet rs) throws SQLException {
        String pbx = rs.getString(4);
        boolean answered = Q850.outcome(rs.getString(8), (Integer) rs.getObject(9), (Integer) rs.getObject(10)) == 200;
        return new RecordedCall(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                RouteRequest.Direction.OUTBOUND, pbx, pbx, rs.getString(5), rs.getString(6), rs.getString(7), answered,
                answered ? rs.getLong(11) : 0, null);
    }
}
