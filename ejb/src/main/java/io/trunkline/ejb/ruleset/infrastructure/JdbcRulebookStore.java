package io.trunkline.ejb.ruleset.infrastructure;

import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.ejb.ruleset.domain.RulebookStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** Rulebook versions and their files in the platform's database. */
@Dependent
public final class JdbcRulebookStore implements RulebookStore {

    private final DataSource dataSource;

    @Inject
    public JdbcRulebookStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<StoredVersion> versions(String rulebook) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT v.version, v.status, v.checksum, v.author, v.comment, "
                     + "v.created_at, v.activated_at, v.activated_by, f.file_name FROM rulebook_version v "
                     + "JOIN rulebook_file f ON f.rulebook = v.rulebook AND f.version = v.version "
                     + "WHERE v.rulebook = ? ORDER BY v.version DESC, f.file_name")) {
            ps.setString(1, rulebook);
            Map<Integer, StoredVersion> out = new LinkedHashMap<>();
            Map<Integer, List<String>> files = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int v = rs.getInt(1);
                    files.computeIfAbsent(v, k -> new ArrayList<>()).add(rs.getString(9));
                    if (!out.containsKey(v)) {
                        Timestamp activated = rs.getTimestamp(7);
                        out.put(v, new StoredVersion(new RulebookVersion(rulebook, v, rs.getString(3).trim(), List.of(),
                                rs.getTimestamp(6).toInstant(), rs.getString(4), rs.getString(5)), rs.getString(2),
                                activated == null ? null : activated.toInstant(), rs.getString(8)));
                    }
                }
            }
            List<StoredVersion> list = new ArrayList<>();
            out.forEach((v, s) -> list.add(new StoredVersion(new RulebookVersion(rulebook, v, s.version().checksum(),
                    List.copyOf(files.get(v)), s.version().createdAt(), s.version().author(), s.version().comment()),
                    s.status(), s.activatedAt(), s.activatedBy())));
            return list;
        }
    }

    @Override
    public Optional<StoredVersion> active(String rulebook) throws SQLException {
        return versions(rulebook).stream().filter(v -> "ACTIVE".equals(v.status())).findFirst();
    }

    @Override
    public Optional<StoredVersion> version(String rulebook, int version) throws SQLException {
        return versions(rulebook).stream().filter(v -> v.version().version() == version).findFirst();
    }

    @Override
    public Map<String, byte[]> files(String rulebook, int version) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT file_name, content FROM rulebook_file "
                     + "WHERE rulebook = ? AND version = ? ORDER BY file_name")) {
            ps.setString(1, rulebook);
            ps.setInt(2, version);
            Map<String, byte[]> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getBytes(2));
                }
            }
            return out;
        }
    }

    @Override
    public int nextVersion(String rulebook) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM rulebook_version WHERE rulebook = ?")) {
            ps.setString(1, rulebook);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        }
    }

    @Override
    public void insert(RulebookVersion v, String status, Map<String, byte[]> files) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rulebook_version (rulebook, version, status, "
                    + "checksum, author, comment, created_at, activated_at, activated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, v.rulebook());
                ps.setInt(2, v.version());
                ps.setString(3, status);
                ps.setString(4, v.checksum());
                ps.setString(5, v.author());
                ps.setString(6, v.comment() == null ? "" : v.comment());
                ps.setTimestamp(7, Timestamp.from(v.createdAt()));
                ps.setTimestamp(8, "ACTIVE".equals(status) ? Timestamp.from(v.createdAt()) : null);
                ps.setString(9, "ACTIVE".equals(status) ? v.author() : null);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO rulebook_file (rulebook, version, file_name, content) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    ps.setString(1, v.rulebook());
                    ps.setInt(2, v.version());
                    ps.setString(3, f.getKey());
                    ps.setBytes(4, f.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Makes {@code version} the active one; the previously active version is retired. */
    @Override
    public void activate(String rulebook, int version, String actor, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE rulebook_version SET status = 'RETIRED' WHERE rulebook = ? AND status = 'ACTIVE'")) {
                ps.setString(1, rulebook);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE rulebook_version SET status = 'ACTIVE', "
                    + "activated_at = ?, activated_by = ? WHERE rulebook = ? AND version = ?")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setString(2, actor);
                ps.setString(3, rulebook);
                ps.setInt(4, version);
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("rulebook " + rulebook + " has no version " + version);
                }
            }
        }
    }
}
