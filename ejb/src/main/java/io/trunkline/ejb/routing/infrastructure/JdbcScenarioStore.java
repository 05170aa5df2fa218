package io.trunkline.ejb.routing.infrastructure;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.routing.domain.RoutingScenario;
import io.trunkline.ejb.routing.domain.ScenarioStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** The analysts' routing test scenarios in the platform's database. */
@Dependent
public final class JdbcScenarioStore implements ScenarioStore {

    private final DataSource dataSource;

    @Inject
    public JdbcScenarioStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<RoutingScenario> all() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, direction, source, calling, called, at, expected_verdict, "
                     + "expected_class, expected_targets, expected_sip_code FROM routing_scenario ORDER BY name")) {
            List<RoutingScenario> out = new ArrayList<>();
            while (rs.next()) {
                Timestamp at = rs.getTimestamp(6);
                String targets = rs.getString(9);
                int sip = rs.getInt(10);
                Integer sipCode = rs.wasNull() ? null : sip;
                out.add(new RoutingScenario(rs.getString(1), new RouteRequest("scenario:" + rs.getString(1),
                        RouteRequest.Direction.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                        at == null ? null : at.toInstant()), RouteDecision.Verdict.valueOf(rs.getString(7)), rs.getString(8),
                        targets == null || targets.isBlank() ? List.of() : List.of(targets.split(" ")), sipCode));
            }
            return out;
        }
    }

    /** Replaces every scenario with {@code scenarios}. */
    @Override
    public void replaceAll(List<RoutingScenario> scenarios) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM routing_scenario");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO routing_scenario (name, direction, source, "
                    + "calling, called, at, expected_verdict, expected_class, expected_targets, expected_sip_code) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (RoutingScenario r : scenarios) {
                    ps.setString(1, r.name());
                    ps.setString(2, r.request().direction().name());
                    ps.setString(3, r.request().source());
                    ps.setString(4, r.request().calling());
                    ps.setString(5, r.request().called());
                    ps.setTimestamp(6, r.request().at() == null ? null : Timestamp.from(r.request().at()));
                    ps.setString(7, r.verdict().name());
                    ps.setString(8, r.callClass());
                    ps.setString(9, String.join(" ", r.targets()));
                    if (r.sipCode() == null) {
                        ps.setNull(10, Types.INTEGER);
                    } else {
                        ps.setInt(10, r.sipCode());
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
