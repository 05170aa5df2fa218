package io.trunkline.ejb.stir.infrastructure;

import io.trunkline.ejb.stir.domain.ChainStore;
import io.trunkline.ejb.stir.domain.PublishedChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** The table stir_certificate in plain JDBC, in the caller's transaction. */
@Dependent
public class JdbcChainStore implements ChainStore {

    private static final String COLUMNS = "name, pem, subject, not_after";
    private final DataSource dataSource;

    @Inject
    public JdbcChainStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean put(PublishedChain chain, String by, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement up = c.prepareStatement("UPDATE stir_certificate SET pem = ?, subject = ?, "
                    + "not_after = ?, uploaded_by = ?, uploaded_at = ? WHERE name = ?")) {
                up.setString(1, chain.pem());
                up.setString(2, chain.subject());
                up.setTimestamp(3, Timestamp.from(chain.notAfter()));
                up.setString(4, by);
                up.setTimestamp(5, Timestamp.from(at));
                up.setString(6, chain.name());
                if (up.executeUpdate() > 0) {
                    return true;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO stir_certificate (" + COLUMNS
                    + ", uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                in.setString(1, chain.name());
                in.setString(2, chain.pem());
                in.setString(3, chain.subject());
                in.setTimestamp(4, Timestamp.from(chain.notAfter()));
                in.setString(5, by);
                in.setTimestamp(6, Timestamp.from(at));
                in.executeUpdate();
                return false;
            }
        }
    }

    @Override
    public Optional<PublishedChain> get(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stir_certificate WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<PublishedChain> all() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stir_certificate ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<PublishedChain> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        }
    }

    private static PublishedChain row(ResultSet rs) throws SQLException {
        return new PublishedChain(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }
}
