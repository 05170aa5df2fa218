package io.trunkline.ejb.alerts.infrastructure;

import io.trunkline.camel.feeds.Incident;
import io.trunkline.ejb.alerts.api.CarrierIncidents.CarrierIncident;
import io.trunkline.ejb.alerts.domain.IncidentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** Carrier incidents and feed polls in plain JDBC, in the caller's transaction. */
@Dependent
public final class JdbcIncidentStore implements IncidentStore {

    private final DataSource dataSource;

    @Inject
    public JdbcIncidentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes one poll's incidents: new ones added, known ones updated, open ones the feed dropped closed. */
    @Override
    public void replace(String carrier, List<Incident> incidents, Instant now) throws SQLException {
        Set<String> known = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT incident_id FROM carrier_incident WHERE carrier_id = ?")) {
                ps.setString(1, carrier);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
            Set<String> seen = new HashSet<>();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO carrier_incident (carrier_id, incident_id, "
                    + "title, status, is_open, started_at, resolved_at, link, first_seen, last_seen) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement update = c.prepareStatement("UPDATE carrier_incident SET title = ?, status = ?, is_open = ?, "
                         + "started_at = ?, resolved_at = ?, link = ?, last_seen = ? WHERE carrier_id = ? AND incident_id = ?")) {
                for (Incident i : incidents) {
                    String id = truncate(i.id(), 300);
                    if (!seen.add(id)) {
                        continue;
                    }
                    Timestamp resolved = i.resolvedAt() != null ? Timestamp.from(i.resolvedAt())
                            : i.open() ? null : Timestamp.from(now);
                    if (known.contains(id)) {
                        update.setString(1, truncate(i.title(), 500));
                        update.setString(2, truncate(i.status(), 32));
                        update.setBoolean(3, i.open());
                        update.setTimestamp(4, i.startedAt() == null ? null : Timestamp.from(i.startedAt()));
                        update.setTimestamp(5, resolved);
                        update.setString(6, truncate(i.link(), 500));
                        update.setTimestamp(7, Timestamp.from(now));
                        update.setString(8, carrier);
                        update.setString(9, id);
                        update.executeUpdate();
                    } else {
                        insert.setString(1, carrier);
                        insert.setString(2, id);
                        insert.setString(3, truncate(i.title(), 500));
                        insert.setString(4, truncate(i.status(), 32));
                        insert.setBoolean(5, i.open());
                        insert.setTimestamp(6, i.startedAt() == null ? null : Timestamp.from(i.startedAt()));
                        insert.setTimestamp(7, resolved);
                        insert.setString(8, truncate(i.link(), 500));
                        insert.setTimestamp(9, Timestamp.from(now));
                        insert.setTimestamp(10, Timestamp.from(now));
                        insert.executeUpdate();
                    }
                }
            }
            try (PreparedStatement close = c.prepareStatement("UPDATE carrier_incident SET is_open = FALSE, status = 'gone', "
                    + "resolved_at = ? WHERE carrier_id = ? AND incident_id = ? AND is_open = TRUE")) {
                for (String id : known) {
                    if (!seen.contains(id)) {
                        close.setTimestamp(1, Timestamp.from(now));
                        close.setString(2, carrier);
                        close.setString(3, id);
                        close.executeUpdate();
                    }
                }
            }
        }
    }

    @Override
    public void polled(String carrier, String url, String outcome, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE status_feed_poll SET url = ?, polled_at = ?, outcome = ? "
                    + "WHERE carrier_id = ?")) {
                ps.setString(1, truncate(url, 500));
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, truncate(outcome, 1000));
                ps.setString(4, carrier);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO status_feed_poll (carrier_id, url, polled_at, "
                        + "outcome) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, carrier);
                    ps.setString(2, truncate(url, 500));
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setString(4, truncate(outcome, 1000));
                    ps.executeUpdate();
                }
            }
        }
    }

    @Override
    public List<CarrierIncident> list(String carrier, boolean openOnly) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT carrier_id, incident_id, title, status, is_open, started_at, resolved_at, "
                + "link, first_seen, last_seen FROM carrier_incident WHERE 1 = 1");
        if (carrier != null) {
            sql.append(" AND carrier_id = ?");
        }
        if (openOnly) {
            sql.append(" AND is_open = TRUE");
        }
        sql.append(" ORDER BY carrier_id, first_seen DESC, incident_id LIMIT 1000");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            if (carrier != null) {
                ps.setString(1, carrier);
            }
            List<CarrierIncident> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CarrierIncident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), instant(rs, 6), instant(rs, 7), rs.getString(8), instant(rs, 9), instant(rs, 10)));
                }
            }
            return out;
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
