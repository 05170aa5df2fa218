package io.trunkline.ejb.alerts.infrastructure;

import io.trunkline.ejb.alerts.api.Alerts.Alert;
import io.trunkline.ejb.alerts.api.Alerts.Delivery;
import io.trunkline.ejb.alerts.domain.AlertStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** Alerts and their deliveries in plain JDBC, in the caller's transaction. */
@Dependent
public final class JdbcAlertStore implements AlertStore {

    private static final String COLUMNS = "id, title, severity, origin, dimension, subject, state, details, raised_at, "
            + "updated_at, acknowledged_at, acknowledged_by, resolved_at, escalation, escalated_at, occurrences, "
            + "alert_key, window_start, escalate_after_s";

    private final DataSource dataSource;

    @Inject
    public JdbcAlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every alert not resolved, by key. */
    @Override
    public Map<String, Open> open() throws SQLException {
        Map<String, Open> out = new HashMap<>();
        for (Open o : select("WHERE state <> 'RESOLVED'", List.of(), 10_000)) {
            out.put(o.key(), o);
        }
        return out;
    }

    @Override
    public long raise(String key, String title, String rule, String severity, String origin, String dimension,
                      String subject, String details, Instant window, Integer escalateAfterSeconds, Instant now)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO alert (alert_key, title, rule_name, severity, origin, "
                     + "dimension, subject, state, details, window_start, raised_at, updated_at, escalate_after_s) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)", new String[]{"id"})) {
            ps.setString(1, truncate(key, 500));
            ps.setString(2, truncate(title, 200));
            ps.setString(3, truncate(rule, 100));
            ps.setString(4, truncate(severity, 16));
            ps.setString(5, origin);
            ps.setString(6, dimension);
            ps.setString(7, truncate(subject, 128));
            ps.setString(8, truncate(details, 2000));
            ps.setTimestamp(9, window == null ? null : Timestamp.from(window));
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setTimestamp(11, Timestamp.from(now));
            if (escalateAfterSeconds == null) {
                ps.setNull(12, Types.INTEGER);
            } else {
                ps.setInt(12, escalateAfterSeconds);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The condition still holds: newest figures and window, one more occurrence. */
    @Override
    public void update(long id, String severity, String details, Instant window, Instant now) throws SQLException {
        execute("UPDATE alert SET severity = ?, details = ?, window_start = ?, updated_at = ?, "
                + "occurrences = occurrences + 1 WHERE id = ?", truncate(severity, 16), truncate(details, 2000),
                window == null ? null : Timestamp.from(window), Timestamp.from(now), id);
    }

    @Override
    public void resolve(long id, Instant now) throws SQLException {
        execute("UPDATE alert SET state = 'RESOLVED', resolved_at = ?, updated_at = ? WHERE id = ?",
                Timestamp.from(now), Timestamp.from(now), id);
    }

    /** @return whether it was escalated (not if it was acknowledged or escalated meanwhile) */
    @Override
    public boolean escalate(long id, Instant now) throws SQLException {
        return execute("UPDATE alert SET escalation = escalation + 1, escalated_at = ?, updated_at = ? WHERE id = ? "
                + "AND state = 'OPEN' AND escalation = 0", Timestamp.from(now), Timestamp.from(now), id) == 1;
    }

    /** @return whether an open alert was acknowledged */
    @Override
    public boolean acknowledge(long id, String user, Instant now) throws SQLException {
        return execute("UPDATE alert SET state = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?, updated_at = ? "
                + "WHERE id = ? AND state = 'OPEN'", Timestamp.from(now), user, Timestamp.from(now), id) == 1;
    }

    @Override
    public void delivered(long alertId, String event, String channel, String target, Instant at, String outcome)
            throws SQLException {
        execute("INSERT INTO alert_delivery (alert_id, event, channel, target, sent_at, outcome) VALUES (?, ?, ?, ?, ?, ?)",
                alertId, event, channel, truncate(target, 400), Timestamp.from(at), truncate(outcome, 400));
    }

    @Override
    public Optional<Alert> find(long id) throws SQLException {
        List<Open> found = select("WHERE id = ?", List.of(id), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(withDeliveries(found.get(0).alert()));
    }

    @Override
    public List<Alert> list(String state, int limit) throws SQLException {
        String where = state == null ? "" : state.equals("open") ? "WHERE state <> 'RESOLVED'" : "WHERE state = 'RESOLVED'";
        List<Alert> out = new ArrayList<>();
        for (Open o : select(where, List.of(), limit)) {
            out.add(withDeliveries(o.alert()));
        }
        return out;
    }

    private Alert withDeliveries(Alert a) throws SQLException {
        List<Delivery> deliveries = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT event, channel, target, sent_at, outcome FROM alert_delivery "
                     + "WHERE alert_id = ? ORDER BY id")) {
            ps.setLong(1, a.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deliveries.add(new Delivery(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getString(5)));
                }
            }
        }
        return new Alert(a.id(), a.title(), a.severity(), a.origin(), a.dimension(), a.subject(), a.state(), a.details(),
                a.raisedAt(), a.updatedAt(), a.acknowledgedAt(), a.acknowledgedBy(), a.resolvedAt(), a.escalation(),
                a.escalatedAt(), a.occurrences(), List.copyOf(deliveries));
    }

    private List<Open> select(String where, List<Object> args, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alert " + where + " ORDER BY id DESC LIMIT ?")) {
            int i = 1;
            for (Object a : args) {
                ps.setObject(i++, a);
            }
            ps.setInt(i, limit);
            List<Open> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Alert a = new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10),
                            instant(rs, 11), rs.getString(12), instant(rs, 13), rs.getInt(14), instant(rs, 15),
                            rs.getInt(16), List.of());
                    Integer after = rs.getObject(19) == null ? null : rs.getInt(19);
                    out.add(new Open(a, rs.getString(17), instant(rs, 18), after));
                }
            }
            return out;
        }
    }

    private int execute(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
