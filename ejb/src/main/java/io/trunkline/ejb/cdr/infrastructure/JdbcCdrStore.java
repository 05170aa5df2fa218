package io.trunkline.ejb.cdr.infrastructure;

import io.trunkline.camel.cdr.CdrPort;
import io.trunkline.camel.cdr.QualityRecord;
import io.trunkline.ejb.cdr.domain.CdrStore;
import io.trunkline.ejb.cdr.domain.NormalizedRecord;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * CDR files' progress, their call records and quality records, in plain JDBC (the file rows themselves and the
 * quarantine are {@link io.trunkline.ejb.billing.infrastructure.JdbcIngestStore}'s, shared with every feed). On PostgreSQL a chunk's
 * records go in by {@code COPY}; when any of them was stored before (the same records again, an overlapping
 * export), the chunk goes instead into a session-local staging table and by one {@code INSERT ... ON CONFLICT
 * DO NOTHING} from it, so that the old ones count as duplicates and nothing fails; elsewhere (H2 for the demo) by one conditional insert per record. Every call
 * runs inside the caller's transaction.
 */
@Dependent
public final class JdbcCdrStore implements CdrStore {

    private static final String CDR_COLUMNS = "source, record_key, call_key, ingest_file_id, line_number, pbx_id, "
            + "carrier_id, started_at, answered_at, ended_at, duration_ms, billable_ms, calling_raw, called_raw, "
            + "calling_e164, called_e164, call_class, disposition, sip_code, q850_cause, trunk, account, channel, "
            + "peer_channel";
    private static final String QUALITY_COLUMNS = "source, record_key, call_key, ingest_file_id, line_number, leg, "
            + "jitter_ms, latency_ms, loss_percent, mos";

    private final DataSource dataSource;

    @Inject
    public JdbcCdrStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Existing> existing(String source, String sha256) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, status, lines_done FROM ingest_file WHERE source = ? "
                     + "AND sha256 = ? AND status IN ('RECEIVING', 'STORED') ORDER BY id LIMIT 1")) {
            ps.setString(1, source);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Existing(rs.getLong(1), rs.getString(2), rs.getInt(3))) : Optional.empty();
            }
        }
    }

    /** Adds a chunk's counts and moves the file's resume point to its last line. */
    @Override
    public void advance(long fileId, int read, int stored, int quarantined, int duplicates, int lastLine)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE ingest_file SET lines_read = lines_read + ?, "
                     + "lines_stored = lines_stored + ?, lines_quarantined = lines_quarantined + ?, "
                     + "lines_duplicate = lines_duplicate + ?, lines_done = ? WHERE id = ? AND status = 'RECEIVING'")) {
            ps.setInt(1, read);
            ps.setInt(2, stored);
            ps.setInt(3, quarantined);
            ps.setInt(4, duplicates);
            ps.setInt(5, lastLine);
            ps.setLong(6, fileId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("file " + fileId + " is not being received");
            }
        }
    }

    @Override
    public void finish(long fileId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE ingest_file SET status = 'STORED', finished_at = ? "
                     + "WHERE id = ? AND status = 'RECEIVING'")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, fileId);
            ps.executeUpdate();
        }
    }

    @Override
    public CdrPort.Outcome outcome(long fileId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, source, file_name, status, lines_read, lines_stored, "
                     + "lines_quarantined, lines_duplicate, reason FROM ingest_file WHERE id = ?")) {
            ps.setLong(1, fileId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no ingest file " + fileId);
                }
                return new CdrPort.Outcome(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getString(9));
            }
        }
    }

    /** @return how many of the records were new (the rest were stored before) */
    @Override
    public int storeRecords(long fileId, List<NormalizedRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            if (isPostgres(c)) {
                StringBuilder csv = new StringBuilder(records.size() * 220);
                for (NormalizedRecord n : records) {
                    var r = n.record();
                    Csv row = new Csv(csv);
                    row.text(r.source()).text(r.recordKey()).text(r.callKey()).number(fileId).number(n.line())
                            .text(n.pbx()).text(n.carrier()).time(r.startedAt()).time(r.answeredAt()).time(r.endedAt())
                            .number(r.durationMs()).number(r.billableMs()).text(r.calling()).text(r.called())
                            .text(n.callingE164()).text(n.calledE164()).text(n.callClass()).text(r.disposition())
                            .number(r.sipCode()).number(r.q850Cause()).text(r.trunk()).text(r.account())
                            .text(r.channel()).text(r.peerChannel()).end();
                }
                return copyThenInsert(c, "cdr", CDR_COLUMNS, csv);
            }
            int stored = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cdr (" + CDR_COLUMNS + ") SELECT ?, ?, ?, ?, ?, "
                    + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM (VALUES (0)) one WHERE NOT EXISTS "
                    + "(SELECT 1 FROM cdr WHERE source = ? AND record_key = ?)")) {
                for (NormalizedRecord n : records) {
                    var r = n.record();
                    int i = 1;
                    ps.setString(i++, r.source());
                    ps.setString(i++, r.recordKey());
                    ps.setString(i++, r.callKey());
                    ps.setLong(i++, fileId);
                    ps.setInt(i++, n.line());
                    ps.setString(i++, n.pbx());
                    ps.setString(i++, n.carrier());
                    ps.setTimestamp(i++, Timestamp.from(r.startedAt()));
                    ps.setTimestamp(i++, r.answeredAt() == null ? null : Timestamp.from(r.answeredAt()));
                    ps.setTimestamp(i++, r.endedAt() == null ? null : Timestamp.from(r.endedAt()));
                    ps.setLong(i++, r.durationMs());
                    ps.setLong(i++, r.billableMs());
                    ps.setString(i++, r.calling());
                    ps.setString(i++, r.called());
                    ps.setString(i++, n.callingE164());
                    ps.setString(i++, n.calledE164());
                    ps.setString(i++, n.callClass());
                    ps.setString(i++, r.disposition());
                    setInt(ps, i++, r.sipCode());
                    setInt(ps, i++, r.q850Cause());
                    ps.setString(i++, r.trunk());
                    ps.setString(i++, r.account());
                    ps.setString(i++, r.channel());
                    ps.setString(i++, r.peerChannel());
                    ps.setString(i++, r.source());
                    ps.setString(i, r.recordKey());
                    stored += ps.executeUpdate();
                }
            }
            return stored;
        }
    }

    /** Start and end of the stored calls of one source with these call keys (quality records arriving late). */
    @Override
    public List<java.time.Instant[]> spansOf(String source, java.util.Collection<String> callKeys) throws SQLException {
        List<java.time.Instant[]> out = new java.util.ArrayList<>();
        List<String> keys = List.copyOf(new java.util.LinkedHashSet<>(callKeys));
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < keys.size(); from += 500) {
                List<String> part = keys.subList(from, Math.min(keys.size(), from + 500));
                String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT started_at, ended_at FROM cdr WHERE source = ? "
                        + "AND call_key IN (" + marks + ")")) {
                    ps.setString(1, source);
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 2, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Timestamp end = rs.getTimestamp(2);
                            out.add(new java.time.Instant[]{rs.getTimestamp(1).toInstant(), end == null ? null : end.toInstant()});
                        }
                    }
                }
            }
        }
        return out;
    }

    /** @return how many of the quality records were new */
    @Override
    public int storeQuality(long fileId, List<QualityRecord> quality, List<Integer> lines) throws SQLException {
        if (quality.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            if (isPostgres(c)) {
                StringBuilder csv = new StringBuilder(quality.size() * 120);
                for (int k = 0; k < quality.size(); k++) {
                    QualityRecord q = quality.get(k);
                    new Csv(csv).text(q.source()).text(q.recordKey()).text(q.callKey()).number(fileId).number(lines.get(k))
                            .text(q.leg()).number(q.jitterMs()).number(q.latencyMs()).number(q.lossPercent())
                            .number(q.mos()).end();
                }
                return copyThenInsert(c, "cdr_quality", QUALITY_COLUMNS, csv);
            }
            int stored = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cdr_quality (" + QUALITY_COLUMNS + ") SELECT ?, ?, "
                    + "?, ?, ?, ?, ?, ?, ?, ? FROM (VALUES (0)) one WHERE NOT EXISTS "
                    + "(SELECT 1 FROM cdr_quality WHERE source = ? AND record_key = ?)")) {
                for (int k = 0; k < quality.size(); k++) {
                    QualityRecord q = quality.get(k);
                    int i = 1;
                    ps.setString(i++, q.source());
                    ps.setString(i++, q.recordKey());
                    ps.setString(i++, q.callKey());
                    ps.setLong(i++, fileId);
                    ps.setInt(i++, lines.get(k));
                    ps.setString(i++, q.leg());
                    setDouble(ps, i++, q.jitterMs());
                    setDouble(ps, i++, q.latencyMs());
                    setDouble(ps, i++, q.lossPercent());
                    setDouble(ps, i++, q.mos());
                    ps.setString(i++, q.source());
                    ps.setString(i, q.recordKey());
                    stored += ps.executeUpdate();
                }
            }
            return stored;
        }
    }

    /**
     * New records (the usual case) go straight in by COPY under a savepoint; when one of them was stored before,
     * COPY fails on the key as a whole, is rolled back to the savepoint, and the chunk goes through staging.
     */
    private static int copyThenInsert(Connection c, String table, String columns, StringBuilder csv) throws SQLException {
        // Savepoints by SQL: the server's connection wrapper refuses JDBC rollback calls inside a JTA transaction.
        try (Statement st = c.createStatement()) {
            st.execute("SAVEPOINT cdr_copy");
        }
        try {
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns
                    + ") FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
            try (Statement st = c.createStatement()) {
                st.execute("RELEASE SAVEPOINT cdr_copy");
            }
            return (int) copied;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            try (Statement st = c.createStatement()) {
                st.execute("ROLLBACK TO SAVEPOINT cdr_copy");
            }
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
        return stageThenInsert(c, table, columns, csv);
    }

    private static final String UNIQUE_VIOLATION = "23505";

    /** COPY into a staging table that empties itself at commit, then keep the rows whose key is new. */
    private static int stageThenInsert(Connection c, String table, String columns, StringBuilder csv) throws SQLException {
        String staging = table + "_load";
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + staging + " (LIKE " + table + ") ON COMMIT DELETE ROWS");
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + staging + " (" + columns
                    + ") FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + staging + " failed: " + e.getMessage(), e);
        }
        try (Statement st = c.createStatement()) {
            int stored = st.executeUpdate("INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM "
                    + staging + " ON CONFLICT DO NOTHING");
            st.execute("TRUNCATE " + staging);
            return stored;
        }
    }

    private static boolean isPostgres(Connection c) throws SQLException {
        return c.isWrapperFor(PGConnection.class);
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** One row of PostgreSQL CSV: an unquoted empty field is NULL, text is always quoted (so "" is an empty string). */
    private static final class Csv {
        private final StringBuilder out;
        private boolean first = true;

        Csv(StringBuilder out) {
            this.out = out;
        }

        private void sep() {
            if (!first) {
                out.append(',');
            }
            first = false;
        }

        Csv text(String s) {
            sep();
            if (s != null) {
                out.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    if (ch == '"') {
                        out.append('"');
                    }
                    out.append(ch);
                }
                out.append('"');
            }
            return this;
        }

        Csv number(Number n) {
            sep();
            if (n != null) {
                out.append(n);
            }
            return this;
        }

        Csv time(Instant t) {
            sep();
            if (t != null) {
                out.append(t);
            }
            return this;
        }

        void end() {
            out.append('\n');
        }
    }
}
