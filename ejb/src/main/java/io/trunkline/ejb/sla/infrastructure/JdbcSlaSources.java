package io.trunkline.ejb.sla.infrastructure;

import io.trunkline.ejb.metrics.domain.MetricStore;
import io.trunkline.ejb.sla.domain.InvoiceCredit;
import io.trunkline.ejb.sla.domain.MonthFigures;
import io.trunkline.ejb.sla.domain.Outage;
import io.trunkline.ejb.sla.domain.SlaSources;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.json.Json;
import javax.json.JsonObject;
import javax.sql.DataSource;

/**
 * Read-only views of what other contexts stored: the edge's {@code TRUNK} events (JSON {@code trunk}, {@code up},
 * {@code node}, {@code changedAt}) in edge_event, carrier_incident, the metric windows, call_record/call_attempt and
 * invoice/invoice_line. The edge already journals every trunk-state change with its time, so nothing new is stored.
 */
@Dependent
public class JdbcSlaSources implements SlaSources {

    /** How far before a month trunk-state changes are read to know the state the month starts in. */
    private static final Duration LOOKBACK = Duration.ofDays(62);

    private final DataSource dataSource;
    private final MetricStore metrics;

    @Inject
    public JdbcSlaSources(DataSource dataSource, MetricStore metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    @Override
    public List<Outage.TrunkChange> trunkChanges(String carrier, Instant from, Instant to) throws SQLException {
        List<Outage.TrunkChange> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT node_id, body, received_at FROM edge_event "
                     + "WHERE event_type = 'TRUNK' AND received_at >= ? AND received_at < ? ORDER BY received_at, sequence_no")) {
            ps.setTimestamp(1, Timestamp.from(from.minus(LOOKBACK)));
            ps.setTimestamp(2, Timestamp.from(to.plus(Duration.ofDays(1))));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        JsonObject o = Json.createReader(new StringReader(rs.getString(2))).readObject();
                        if (!carrier.equals(o.getString("trunk", null))) {
                            continue;
                        }
                        // The node's own time of the change; the time the platform received it when the node left it out.
                        Instant at = o.containsKey("changedAt") ? Instant.parse(o.getString("changedAt"))
                                : rs.getTimestamp(3).toInstant();
                        if (at.isBefore(to)) {
                            out.add(new Outage.TrunkChange(o.getString("node", rs.getString(1)), at, o.getBoolean("up")));
                        }
                    } catch (RuntimeException malformed) {
                        // an unreadable state report proves nothing either way
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<Outage> incidents(String carrier, Instant from, Instant to) throws SQLException {
        List<Outage> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT incident_id, title, status, is_open, started_at, resolved_at, "
                     + "first_seen, last_seen FROM carrier_incident WHERE carrier_id = ? AND COALESCE(started_at, first_seen) < ? "
                     + "ORDER BY COALESCE(started_at, first_seen)")) {
            ps.setString(1, carrier);
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant start = (rs.getTimestamp(5) != null ? rs.getTimestamp(5) : rs.getTimestamp(7)).toInstant();
                    // Unresolved and still listed: it lasts to the month's end; dropped from the feed: to when last seen.
                    Instant end = rs.getTimestamp(6) != null ? rs.getTimestamp(6).toInstant()
                            : rs.getBoolean(4) ? to : rs.getTimestamp(8).toInstant();
                    if (end.isAfter(from)) {
                        out.add(new Outage(start, end, "incident", rs.getString(1) + ": " + rs.getString(2) + " ("
                                + rs.getString(3) + ")"));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<MonthFigures.Window> windows(String carrier, Instant from, Instant to) throws SQLException {
        return metrics.rows(60, from, to, "carrier", carrier, "edge").stream()
                .map(r -> new MonthFigures.Window(r.start(), r.minutes(), r.stats())).toList();
    }

    @Override
    public List<FailedAttempt> failedCalls(String carrier, Instant from, Instant to, int calls) throws SQLException {
        List<FailedAttempt> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT r.call_id, r.started_at, r.called_normalized, r.release_code, "
                     + "a.attempt_no, a.target, a.sip_code, a.first_provisional_ms FROM call_record r JOIN call_attempt a "
                     + "ON a.call_id = r.call_id AND a.started_at = r.started_at WHERE r.started_at >= ? AND r.started_at < ? "
                     + "AND r.test_call IS NULL AND r.call_id IN (SELECT f.call_id FROM call_attempt f WHERE f.target = ? "
                     + "AND f.started_at >= ? AND f.started_at < ? AND (f.sip_code IS NULL OR f.sip_code >= 300)) "
                     + "ORDER BY r.started_at, r.call_id, a.attempt_no")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setString(3, carrier);
            ps.setTimestamp(4, Timestamp.from(from));
            ps.setTimestamp(5, Timestamp.from(to));
            ps.setMaxRows(calls * 10);
            try (ResultSet rs = ps.executeQuery()) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                while (rs.next()) {
                    if (seen.add(rs.getString(1)) && seen.size() > calls) {
                        break;
                    }
                    int sip = rs.getInt(7);
                    Integer sipCode = rs.wasNull() ? null : sip;
                    long pdd = rs.getLong(8);
                    Long pddMs = rs.wasNull() ? null : pdd;
                    out.add(new FailedAttempt(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getInt(4),
                            rs.getInt(5), rs.getString(6), sipCode, pddMs));
                }
            }
        }
        return out;
    }

    @Override
    public List<InvoiceCredit.Line> invoiceLines(String carrier, LocalDate periodEndFrom) throws SQLException {
        List<InvoiceCredit.Line> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT i.carrier_id, i.invoice_number, i.period_start, i.period_end, "
                     + "i.currency, l.line_number, l.call_id, l.called, l.amount FROM invoice i JOIN invoice_line l "
                     + "ON l.invoice_id = i.id WHERE i.carrier_id = ? AND i.period_end >= ? ORDER BY i.received_at, l.line_number")) {
            ps.setString(1, carrier);
            ps.setDate(2, Date.valueOf(periodEndFrom));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InvoiceCredit.Line(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                            rs.getDate(4).toLocalDate(), rs.getString(5).trim(), rs.getInt(6), rs.getString(7),
                            rs.getString(8), rs.getBigDecimal(9)));
                }
            }
        }
        return out;
    }
}
