package io.trunkline.ejb.security.infrastructure;

import io.trunkline.ejb.security.domain.SecurityAudit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** {@code security_audit} rows in plain JDBC, in the caller's transaction. */
@Dependent
public class JdbcSecurityAudit implements SecurityAudit {

    private final DataSource dataSource;

    @Inject
    public JdbcSecurityAudit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void record(Instant at, String actor, String action, String subject, String reason, String details)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO security_audit (at, actor, action, subject, reason, "
                     + "details) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, cut(actor, 128));
            ps.setString(3, action);
            ps.setString(4, cut(subject, 300));
            ps.setString(5, cut(reason, 1000));
            ps.setString(6, cut(details, 4000));
            ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
