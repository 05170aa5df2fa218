package io.trunkline.ejb.porting.infrastructure;

import io.trunkline.ejb.porting.domain.PortInventory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/**
 * Tables port_number and porting_desk, and the did rows a port moves, in plain JDBC in the caller's JTA transaction.
 * Whether a port is open is jBPM's process log's to say (processinstancelog.status 1 = active).
 */
@Dependent
public class JdbcPortInventory implements PortInventory {

    /** Numbers per statement: long lists go in chunks, well under every driver's parameter limit. */
    private static final int CHUNK = 1000;

    private final DataSource dataSource;

    @Inject
    public JdbcPortInventory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    @Override
    public Map<String, Held> lockHeld(List<String> numbers) throws SQLException {
        Map<String, Held> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < numbers.size(); from += CHUNK) {
                List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT number, carrier_id, pbx_id, extension FROM did "
                        + "WHERE number IN (" + marks(chunk.size()) + ") ORDER BY number FOR UPDATE")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> inOpenPorts(List<String> numbers, long portId) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < numbers.size(); from += CHUNK) {
                List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT p.number, p.port_id FROM port_number p "
                        + "JOIN processinstancelog l ON l.processinstanceid = p.port_id "
                        + "WHERE l.status = 1 AND p.port_id <> ? AND p.number IN (" + marks(chunk.size()) + ") "
                        + "ORDER BY p.number")) {
                    ps.setLong(1, portId);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void reserve(long portId, List<Held> numbers, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO port_number (port_id, number, previous_carrier, "
                     + "previous_pbx, extension, state, changed_at) VALUES (?, ?, ?, ?, ?, 'RESERVED', ?)")) {
            for (Held h : numbers) {
                ps.setLong(1, portId);
                ps.setString(2, h.number());
                ps.setString(3, h.carrier());
                ps.setString(4, h.pbx());
                ps.setString(5, h.extension());
                ps.setTimestamp(6, Timestamp.from(at));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public int transfer(long portId, String carrier, String pbx, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int moved;
            try (PreparedStatement ps = c.prepareStatement("UPDATE did SET carrier_id = ?, pbx_id = ? "
                    + "WHERE number IN (SELECT number FROM port_number WHERE port_id = ?)")) {
                ps.setString(1, carrier);
                ps.setString(2, pbx);
                ps.setLong(3, portId);
                moved = ps.executeUpdate();
            }
            state(c, portId, "PORTED", at);
            return moved;
        }
    }

    @Override
    public int rollBack(long portId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int moved;
            try (PreparedStatement ps = c.prepareStatement("UPDATE did SET "
                    + "carrier_id = (SELECT p.previous_carrier FROM port_number p WHERE p.port_id = ? AND p.number = did.number), "
                    + "pbx_id = (SELECT p.previous_pbx FROM port_number p WHERE p.port_id = ? AND p.number = did.number) "
                    + "WHERE number IN (SELECT number FROM port_number WHERE port_id = ?)")) {
                ps.setLong(1, portId);
                ps.setLong(2, portId);
                ps.setLong(3, portId);
                moved = ps.executeUpdate();
            }
            state(c, portId, "ROLLED_BACK", at);
            return moved;
        }
    }

    @Override
    public void close(long portId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            state(c, portId, "CLOSED", at);
        }
    }

    private static void state(Connection c, long portId, String state, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE port_number SET state = ?, changed_at = ? WHERE port_id = ?")) {
            ps.setString(1, state);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, portId);
            ps.executeUpdate();
        }
    }

    @Override
    public List<PortNumber> numbers(long portId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT port_id, number, previous_carrier, previous_pbx, extension, "
                     + "state, changed_at FROM port_number WHERE port_id = ? ORDER BY number")) {
            ps.setLong(1, portId);
            List<PortNumber> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PortNumber(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
            return out;
        }
    }

    @Override
    public Optional<Desk> desk(String carrier) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT carrier_id, email, contact, updated_at FROM porting_desk "
                     + "WHERE carrier_id = ?")) {
            ps.setString(1, carrier);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(desk(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<Desk> desks() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT carrier_id, email, contact, updated_at FROM porting_desk "
                     + "ORDER BY carrier_id");
             ResultSet rs = ps.executeQuery()) {
            List<Desk> out = new ArrayList<>();
            while (rs.next()) {
                out.add(desk(rs));
            }
            return out;
        }
    }

    private static Desk desk(ResultSet rs) throws SQLException {
        return new Desk(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }

    @Override
    public void putDesk(Desk desk) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE porting_desk SET email = ?, contact = ?, updated_at = ? "
                    + "WHERE carrier_id = ?")) {
                ps.setString(1, desk.email());
                ps.setString(2, desk.contact());
                ps.setTimestamp(3, Timestamp.from(desk.updatedAt()));
                ps.setString(4, desk.carrier());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO porting_desk (carrier_id, email, contact, "
                        + "updated_at) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, desk.carrier());
                    ps.setString(2, desk.email());
                    ps.setString(3, desk.contact());
                    ps.setTimestamp(4, Timestamp.from(desk.updatedAt()));
                    ps.executeUpdate();
                }
            }
        }
    }
}
