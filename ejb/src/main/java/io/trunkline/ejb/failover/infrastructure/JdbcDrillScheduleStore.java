package io.trunkline.ejb.failover.infrastructure;

import io.trunkline.ejb.failover.domain.DrillSchedule;
import io.trunkline.ejb.failover.domain.DrillScheduleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** Table failover_drill_schedule in plain JDBC, in the caller's JTA transaction. */
@Dependent
public class JdbcDrillScheduleStore implements DrillScheduleStore {

    private static final String COLUMNS = "carrier_id, source_pbx, test_numbers, expect_carrier, max_added_setup_ms, "
            + "days, at_time, zone, enabled, updated_by, updated_at, last_started_at, last_workflow_id";

    private final DataSource dataSource;

    @Inject
    public JdbcDrillScheduleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<DrillSchedule> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM failover_drill_schedule ORDER BY carrier_id", null);
    }

    @Override
    public Optional<DrillSchedule> find(String carrier) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM failover_drill_schedule WHERE carrier_id = ?", carrier).stream().findFirst();
    }

    private List<DrillSchedule> query(String sql, String carrier) throws SQLException {
        List<DrillSchedule> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (carrier != null) {
                ps.setString(1, carrier);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp last = rs.getTimestamp(12);
                    long workflow = rs.getLong(13);
                    Long workflowId = rs.wasNull() ? null : workflow;
                    out.add(new DrillSchedule(rs.getString(1), rs.getString(2), List.of(rs.getString(3).split(",")),
                            rs.getString(4), rs.getInt(5), DrillSchedule.days(rs.getString(6)),
                            DrillSchedule.time(rs.getString(7)), ZoneId.of(rs.getString(8)), rs.getBoolean(9),
                            rs.getString(10), rs.getTimestamp(11).toInstant(), last == null ? null : last.toInstant(),
                            workflowId));
                }
            }
        }
        return out;
    }

    @Override
    public void put(DrillSchedule s) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE failover_drill_schedule SET source_pbx = ?, "
                    + "test_numbers = ?, expect_carrier = ?, max_added_setup_ms = ?, days = ?, at_time = ?, zone = ?, "
                    + "enabled = ?, updated_by = ?, updated_at = ? WHERE carrier_id = ?")) {
                fill(ps, s);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO failover_drill_schedule (source_pbx, "
                        + "test_numbers, expect_carrier, max_added_setup_ms, days, at_time, zone, enabled, updated_by, "
                        + "updated_at, carrier_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    fill(ps, s);
                    ps.executeUpdate();
                }
            }
        }
    }

    private static void fill(PreparedStatement ps, DrillSchedule s) throws SQLException {
        ps.setString(1, s.sourcePbx());
        ps.setString(2, String.join(",", s.testNumbers()));
        if (s.expectCarrier() == null) {
            ps.setNull(3, Types.VARCHAR);
        } else {
            ps.setString(3, s.expectCarrier());
        }
        ps.setInt(4, s.maxAddedSetupMs());
        ps.setString(5, s.daysText());
        ps.setString(6, s.time().toString());
        ps.setString(7, s.zone().getId());
        ps.setBoolean(8, s.enabled());
        ps.setString(9, s.updatedBy());
        ps.setTimestamp(10, Timestamp.from(s.updatedAt()));
        ps.setString(11, s.carrier());
    }

    @Override
    public boolean delete(String carrier) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM failover_drill_schedule WHERE carrier_id = ?")) {
            ps.setString(1, carrier);
            return ps.executeUpdate() > 0;
        }
    }

    @Override
    public boolean claim(String carrier, Instant slot, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE failover_drill_schedule SET last_started_at = ? "
                     + "WHERE carrier_id = ? AND enabled = TRUE AND (last_started_at IS NULL OR last_started_at < ?)")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, carrier);
            ps.setTimestamp(3, Timestamp.from(slot));
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public void started(String carrier, long workflowId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE failover_drill_schedule SET last_workflow_id = ? WHERE carrier_id = ?")) {
            ps.setLong(1, workflowId);
            ps.setString(2, carrier);
            ps.executeUpdate();
        }
    }
}
