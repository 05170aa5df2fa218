package io.trunkline.ejb.platform.infrastructure;

import io.trunkline.ejb.fraud.domain.FraudAudit;
import io.trunkline.ejb.security.domain.SecurityAudit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/**
 * The table security_audit in plain JDBC, in the caller's transaction: the one writer of the trail for both contexts
 * that keep it, fraud (blocks, lifts, counter resets) and edge security (source bans and lifts), each through its
 * own port.
 */
@Dependent
public class JdbcSecurityAuditTrail implements FraudAudit, SecurityAudit {

    private final DataSource dataSource;

    @Inject
    public JdbcSecurityAuditTrail(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void record(Instant at, String actor, String action, String subject, String reason, String details)
            throws SQLException {
        record(new Entry(at, actor, action, subject, reason, details));
    }

    @Override
    public void record(Entry e) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO security_audit (at, actor, action, subject, reason, "
                     + "details) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(e.at()));
            ps.setString(2, cut(e.actor(), 128));
            ps.setString(3, cut(e.action(), 32));
            ps.setString(4, cut(e.subject(), 300));
            ps.setString(5, cut(e.reason(), 1000));
            ps.setString(6, cut(e.details(), 4000));
            ps.executeUpdate();
        }
    }

    @Override
    public List<Entry> latest(String subject, int limit) throws SQLException {
        String sql = "SELECT at, actor, action, subject, reason, details FROM security_audit"
                + (subject == null ? "" : " WHERE subject = ?") + " ORDER BY at DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (subject != null) {
                ps.setString(i++, subject);
            }
            ps.setInt(i, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        }
    }

    /** Text cut to its column, by code points (a cut surrogate pair would be refused by PostgreSQL). */
    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, s.codePointCount(0, max) - 1));
    }
}
