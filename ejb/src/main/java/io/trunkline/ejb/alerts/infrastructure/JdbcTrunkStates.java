package io.trunkline.ejb.alerts.infrastructure;

import io.trunkline.ejb.alerts.domain.TrunkStates;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.json.Json;
import javax.json.JsonObject;
import javax.sql.DataSource;

/**
 * Trunk states from the edge's stored {@code TRUNK} events (their JSON body: {@code trunk}, {@code up},
 * {@code latencyMs}, {@code changedAt}).
 */
@Dependent
public final class JdbcTrunkStates implements TrunkStates {

    private final DataSource dataSource;

    @Inject
    public JdbcTrunkStates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<String, Boolean> since(Instant since) throws SQLException {
        Map<String, Boolean> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT body FROM edge_event WHERE event_type = 'TRUNK' "
                     + "AND received_at > ? ORDER BY received_at, sequence_no")) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        JsonObject o = Json.createReader(new StringReader(rs.getString(1))).readObject();
                        out.put(o.getString("trunk"), o.getBoolean("up"));
                    } catch (RuntimeException malformed) {
                        // an unreadable state report changes nothing
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<Report> reports(Instant since) throws SQLException {
        Map<String, Report> last = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT node_id, body, received_at FROM edge_event "
                     + "WHERE event_type = 'TRUNK' AND received_at > ? ORDER BY received_at, sequence_no")) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        JsonObject o = Json.createReader(new StringReader(rs.getString(2))).readObject();
                        String node = rs.getString(1);
                        String trunk = o.getString("trunk");
                        Long latency = o.containsKey("latencyMs") && !o.isNull("latencyMs")
                                ? o.getJsonNumber("latencyMs").longValue() : null;
                        Instant at = o.containsKey("changedAt") ? Instant.parse(o.getString("changedAt"))
                                : rs.getTimestamp(3).toInstant();
                        last.put(node + "\n" + trunk, new Report(node, trunk, o.getBoolean("up"), latency, at));
                    } catch (RuntimeException malformed) {
                        // an unreadable state report changes nothing
                    }
                }
            }
        }
        List<Report> out = new ArrayList<>(last.values());
        out.sort(Comparator.comparing(Report::trunk).thenComparing(Report::node));
        return out;
    }
}
