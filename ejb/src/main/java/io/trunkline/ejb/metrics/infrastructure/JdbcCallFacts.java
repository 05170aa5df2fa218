package io.trunkline.ejb.metrics.infrastructure;

import io.trunkline.ejb.metrics.domain.CallFact;
import io.trunkline.ejb.metrics.domain.CallFacts;
import io.trunkline.ejb.metrics.domain.EModel;
import io.trunkline.ejb.metrics.domain.Q850;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/**
 * Reads what happened in one window as {@link CallFact}s: every attempt the edge made on a carrier (counted for
 * the carrier and the trunk URI), every call the edge carried (for its PBX and destination class), and every
 * stored CDR (for its PBX, carrier, trunk and class), with CMR quality joined by call key; an edge call whose media went
 * through the relay brings the relay's MOS (from RTCP) to its answered attempt and its call. Also the spans of
 * the calls overlapping the window, for the concurrent-call peak. Synthetic test calls (a port's, a drill's) are
 * left out: they are evidence of a workflow, not traffic.
 */
@Dependent
public final class JdbcCallFacts implements CallFacts {

    /** How far back a window looks for calls still up in it: a call longer than this leaves the peaks after it. */
    static final Duration LONGEST_CALL = Duration.ofHours(2);

    private final DataSource dataSource;

    @Inject
    public JdbcCallFacts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<CallFact> facts(Instant from, Instant to, Rater rater) throws SQLException {
        List<CallFact> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            edge(c, from, to, rater, out);
            cdrs(c, from, to, rater, out);
        }
        return out;
    }

    private static void edge(Connection c, Instant from, Instant to, Rater rater, List<CallFact> out) throws SQLException {
        Map<String, Object[]> calls = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.call_id, r.started_at, r.ended_at, r.pbx_id, r.call_class, "
                + "r.called_normalized, r.answered_at, r.release_code, a.attempt_no, a.target, a.uri, a.sip_code, "
                + "a.first_provisional_ms, a.answer_ms, r.media_mos, r.media_loss_pct, r.media_jitter_ms FROM call_record r LEFT JOIN call_attempt a ON a.call_id = r.call_id "
                + "AND a.started_at = r.started_at WHERE r.started_at >= ? AND r.started_at < ? AND r.test_call IS NULL "
                + "ORDER BY r.call_id, a.attempt_no")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant started = rs.getTimestamp(2).toInstant();
                    Instant ended = instant(rs, 3);
                    Instant answeredAt = instant(rs, 7);
                    long talk = answeredAt == null || ended == null ? 0 : ended.toEpochMilli() - answeredAt.toEpochMilli();
                    String called = rs.getString(6);
                    // The relay's MOS of the call (its worse direction, from RTCP), for the carrier that carried it,
                    // its trunk, and the call's PBX and class.
                    Double mos = rs.getObject(15) == null ? null : rs.getDouble(15);
                    Double loss = rs.getObject(16) == null ? null : rs.getDouble(16);
                    Double jitter = rs.getObject(17) == null ? null : rs.getDouble(17);
                    calls.putIfAbsent(rs.getString(1), new Object[]{started, ended, rs.getString(4), rs.getString(5),
                        rs.getInt(8), talk, mos, loss, jitter});
                    String target = rs.getString(10);
                    if (target == null) {
                        continue;
                    }
                    int code = rs.getObject(12) == null ? 408 : rs.getInt(12);
                    Long pdd = rs.getObject(13) != null ? Long.valueOf(rs.getLong(13))
                            : rs.getObject(14) != null ? Long.valueOf(rs.getLong(14)) : null;
                    boolean answered = code >= 200 && code < 300;
                    Map<String, String> subjects = new HashMap<>();
                    subjects.put("carrier", target);
                    if (rs.getString(11) != null) {
                        subjects.put("trunk", CallFact.trunk(rs.getString(11)));
                    }
                    long billable = answered ? talk : 0;
                    out.add(new CallFact("edge", subjects, started, ended, code, pdd, billable, answered ? mos : null,
                            answered ? rater.cost(target, called, started, billable) : null, answered ? loss : null,
                            answered ? jitter : null));
                }
            }
        }
        for (Object[] call : calls.values()) {
            Map<String, String> subjects = new HashMap<>();
            put(subjects, "pbx", (String) call[2]);
            put(subjects, "class", (String) call[3]);
            int code = (int) call[4];
            long talk = (long) call[5];
            out.add(new CallFact("edge", subjects, (Instant) call[0], (Instant) call[1], code == 0 ? 500 : code, null,
                    code >= 200 && code < 300 ? talk : 0, (Double) call[6], null, (Double) call[7], (Double) call[8]));
        }
    }

    @Override
    public List<IdentityTally> identities(Instant from, Instant to) throws SQLException {
        List<IdentityTally> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT direction, "
                + "origin, carrier_id, stir_verstat, stir_failure, stir_arrives FROM call_record WHERE started_at >= ? "
                + "AND started_at < ? AND test_call IS NULL AND (stir_verstat IS NOT NULL OR (direction = 'OUTBOUND' AND carrier_id IS NOT NULL "
                + "AND call_class <> 'INTERNAL'))")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String verstat = rs.getString(4);
                    if ("INBOUND".equals(rs.getString(1))) {
                        String key = "TN-Validation-Passed".equals(verstat) ? "in:PASSED"
                                : rs.getString(5) == null ? "in:MISSING" : "in:FAILED:" + rs.getString(5);
                        out.add(new IdentityTally("edge", rs.getString(2), key));
                    } else if (verstat == null) {
                        String arrives = rs.getString(6);
                        out.add(new IdentityTally("edge", rs.getString(3), "out:" + (arrives == null ? "none" : arrives.trim())));
                    }
                }
            }
        }
        return out;
    }

    private static void cdrs(Connection c, Instant from, Instant to, Rater rater, List<CallFact> out) throws SQLException {
        Map<String, double[]> quality = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT q.source, q.call_key, avg(q.mos), avg(q.latency_ms), "
                + "avg(q.jitter_ms), avg(q.loss_percent) FROM cdr_quality q JOIN cdr c ON c.source = q.source "
                + "AND c.call_key = q.call_key WHERE c.started_at >= ? AND c.started_at < ? GROUP BY q.source, q.call_key")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    quality.put(rs.getString(1) + '\u0000' + rs.getString(2), new double[]{value(rs, 3), value(rs, 4),
                        value(rs, 5), value(rs, 6)});
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT source, call_key, started_at, ended_at, pbx_id, carrier_id, "
                + "trunk, call_class, called_e164, disposition, sip_code, q850_cause, billable_ms FROM cdr "
                + "WHERE started_at >= ? AND started_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> subjects = new HashMap<>();
                    put(subjects, "pbx", rs.getString(5));
                    put(subjects, "carrier", rs.getString(6));
                    put(subjects, "trunk", rs.getString(7));
                    put(subjects, "class", rs.getString(8));
                    int code = Q850.outcome(rs.getString(10), (Integer) rs.getObject(11), (Integer) rs.getObject(12));
                    Instant started = rs.getTimestamp(3).toInstant();
                    long billable = code == 200 ? rs.getLong(13) : 0;
                    double[] q = quality.get(rs.getString(1) + '\u0000' + rs.getString(2));
                    Double mos = null;
                    if (q != null && !Double.isNaN(q[0])) {
                        mos = q[0];
                    } else if (q != null && !Double.isNaN(q[1]) && !Double.isNaN(q[2]) && !Double.isNaN(q[3])) {
                        mos = EModel.mos(q[1], q[2], q[3]);
                    }
                    String carrier = rs.getString(6);
                    out.add(new CallFact("cdr", subjects, started, instant(rs, 4), code, null, billable, mos,
                            carrier != null && code == 200 ? rater.cost(carrier, rs.getString(9), started, billable) : null,
                            q == null || Double.isNaN(q[3]) ? null : q[3], q == null || Double.isNaN(q[2]) ? null : q[2]));
                }
            }
        }
    }

    /** Every call overlapping [from, to), as spans per subject it counts for. */
    @Override
    public List<Span> spans(Instant from, Instant to) throws SQLException {
        List<Span> out = new ArrayList<>();
        Timestamp earliest = Timestamp.from(from.minus(LONGEST_CALL));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT started_at, ended_at, pbx_id, call_class, carrier_id "
                    + "FROM call_record WHERE started_at >= ? AND started_at < ? AND ended_at > ? AND test_call IS NULL")) {
                ps.setTimestamp(1, earliest);
                ps.setTimestamp(2, Timestamp.from(to));
                ps.setTimestamp(3, Timestamp.from(from));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant s = rs.getTimestamp(1).toInstant();
                        Instant e = rs.getTimestamp(2).toInstant();
                        span(out, "edge", "pbx", rs.getString(3), s, e);
                        span(out, "edge", "class", rs.getString(4), s, e);
                        span(out, "edge", "carrier", rs.getString(5), s, e);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT started_at, ended_at, pbx_id, call_class, carrier_id, "
                    + "trunk FROM cdr WHERE started_at >= ? AND started_at < ? AND ended_at > ?")) {
                ps.setTimestamp(1, earliest);
                ps.setTimestamp(2, Timestamp.from(to));
                ps.setTimestamp(3, Timestamp.from(from));
                ps.setFetchSize(5_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant s = rs.getTimestamp(1).toInstant();
                        Instant e = rs.getTimestamp(2).toInstant();
                        span(out, "cdr", "pbx", rs.getString(3), s, e);
                        span(out, "cdr", "class", rs.getString(4), s, e);
                        span(out, "cdr", "carrier", rs.getString(5), s, e);
                        span(out, "cdr", "trunk", rs.getString(6), s, e);
                    }
                }
            }
        }
        return out;
    }

    private static void span(List<Span> out, String origin, String dimension, String subject, Instant s, Instant e) {
        if (subject != null) {
            out.add(new Span(origin, dimension, subject, s, e));
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    private static double value(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }
}
