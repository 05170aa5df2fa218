package io.trunkline.ejb.billing.infrastructure;

import io.trunkline.camel.billing.RateDeckFile;
import io.trunkline.camel.billing.RateDeckLine;
import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.ejb.billing.api.IngestFiles.IngestedFile;
import io.trunkline.ejb.billing.api.IngestFiles.QuarantinedRecord;
import io.trunkline.ejb.billing.domain.IngestStore;
import java.sql.Connection;
import java.sql.Date;
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
 * Ingested files, their quarantined lines and the rate-deck rows, in plain JDBC with batched inserts:
 * a carrier deck is 100,000+ rows and goes in as one statement batch per 1,000 rows rather than one
 * entity at a time.
 */
@Dependent
public final class JdbcIngestStore implements IngestStore {

    private static final int BATCH = 1_000;

    private final DataSource dataSource;

    @Inject
    public JdbcIngestStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean alreadyStored(String source, String sha256) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT 1 FROM ingest_file WHERE source = ? AND sha256 = ? AND status = 'STORED'")) {
            ps.setString(1, source);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Records a file with its counts; returns its id. */
    @Override
    public long recordFile(String source, String fileName, String sha256, String subject, String status, int read,
                           int stored, int quarantined, int duplicates, String reason, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_file (source, file_name, sha256, subject, "
                     + "status, lines_read, lines_stored, lines_quarantined, lines_duplicate, reason, received_at, "
                     + "finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
            ps.setString(1, source);
            ps.setString(2, truncate(fileName, 255));
            ps.setString(3, sha256);
            ps.setString(4, subject);
            ps.setString(5, status);
            ps.setInt(6, read);
            ps.setInt(7, stored);
            ps.setInt(8, quarantined);
            ps.setInt(9, duplicates);
            ps.setString(10, truncate(reason, 2000));
            ps.setTimestamp(11, Timestamp.from(at));
            // A file taken in chunks (RECEIVING) is finished later; any other is finished as it is recorded.
            ps.setTimestamp(12, "RECEIVING".equals(status) ? null : Timestamp.from(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Stores a deck's rates. A deck is the carrier's whole price list from its effective dates: rates the
     * carrier had for the same effective dates are replaced, earlier and later ones stay.
     */
    @Override
    public void storeRates(long fileId, String carrier, List<RateDeckLine> rates) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM rate_deck_entry WHERE carrier_id = ? AND effective_from = ?")) {
            for (java.time.LocalDate day : rates.stream().map(RateDeckLine::effectiveFrom).distinct().toList()) {
                delete.setString(1, carrier);
                delete.setDate(2, Date.valueOf(day));
                delete.executeUpdate();
            }
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO rate_deck_entry (carrier_id, prefix, "
                     + "rate_per_minute, connection_fee, effective_from, description, ingest_file_id, line_number, "
                     + "offpeak_rate_per_minute, effective_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (RateDeckLine r : rates) {
                ps.setString(1, carrier);
                ps.setString(2, r.prefix());
                ps.setBigDecimal(3, r.ratePerMinute());
                ps.setBigDecimal(4, r.connectionFee());
                ps.setDate(5, Date.valueOf(r.effectiveFrom()));
                ps.setString(6, truncate(r.description(), 200));
                ps.setLong(7, fileId);
                ps.setInt(8, r.lineNumber());
                ps.setBigDecimal(9, r.offPeakRatePerMinute());
                ps.setDate(10, r.effectiveUntil() == null ? null : Date.valueOf(r.effectiveUntil()));
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    @Override
    public void quarantine(long fileId, List<RejectedLine> rejected) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO quarantined_record (ingest_file_id, line_number, "
                     + "raw_text, reason) VALUES (?, ?, ?, ?)")) {
            for (RejectedLine r : rejected) {
                ps.setLong(1, fileId);
                ps.setInt(2, r.lineNumber());
                // PostgreSQL text holds no NUL: a line that carried one is kept with U+FFFD in its place.
                ps.setString(3, truncate(r.raw().replace('\u0000', '\uFFFD'), 4000));
                ps.setString(4, truncate(r.reason().replace('\u0000', '\uFFFD'), 1000));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public java.util.Optional<IngestedFile> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT_FILE + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(file(rs)) : java.util.Optional.empty();
            }
        }
    }

    private static final String SELECT_FILE = "SELECT id, source, file_name, subject, status, lines_read, "
            + "lines_stored, lines_quarantined, lines_duplicate, reason, received_at FROM ingest_file";

    private static IngestedFile file(ResultSet rs) throws SQLException {
        return new IngestedFile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10),
                rs.getTimestamp(11).toInstant());
    }

    @Override
    public List<IngestedFile> recent(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT_FILE + " ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            List<IngestedFile> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(file(rs));
                }
            }
            return out;
        }
    }

    @Override
    public List<QuarantinedRecord> quarantined(long fileId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT q.id, q.ingest_file_id, f.source, q.line_number, "
                     + "q.raw_text, q.reason FROM quarantined_record q JOIN ingest_file f ON f.id = q.ingest_file_id "
                     + "WHERE q.ingest_file_id = ? ORDER BY q.line_number LIMIT ?")) {
            ps.setLong(1, fileId);
            ps.setInt(2, limit);
            List<QuarantinedRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QuarantinedRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
