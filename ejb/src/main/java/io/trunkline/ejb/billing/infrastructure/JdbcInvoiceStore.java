package io.trunkline.ejb.billing.infrastructure;

import io.trunkline.camel.billing.InvoiceFile;
import io.trunkline.ejb.billing.api.Invoices.Invoice;
import io.trunkline.ejb.billing.domain.InvoiceStore;
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

/** Invoices and their lines, batched JDBC in the caller's transaction. */
@Dependent
public final class JdbcInvoiceStore implements InvoiceStore {

    private static final int BATCH = 1_000;
    private final DataSource dataSource;

    @Inject
    public JdbcInvoiceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean exists(String carrier, String number) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM invoice WHERE carrier_id = ? AND invoice_number = ?")) {
            ps.setString(1, carrier);
            ps.setString(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public long store(long fileId, InvoiceFile f, Instant now) throws SQLException {
        long id;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO invoice (carrier_id, invoice_number, period_start, "
                    + "period_end, currency, stated_seconds, stated_amount, lines_seconds, lines_amount, ingest_file_id, "
                    + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
                ps.setString(1, f.carrier());
                ps.setString(2, f.number());
                ps.setDate(3, Date.valueOf(f.periodStart()));
                ps.setDate(4, Date.valueOf(f.periodEnd()));
                ps.setString(5, f.currency());
                ps.setLong(6, f.statedSeconds());
                ps.setBigDecimal(7, f.statedAmount());
                ps.setLong(8, f.linesSeconds());
                ps.setBigDecimal(9, f.linesAmount());
                ps.setLong(10, fileId);
                ps.setTimestamp(11, Timestamp.from(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO invoice_line (invoice_id, line_number, call_id, "
                    + "started_at, calling, called, billed_seconds, rate_per_minute, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (InvoiceFile.Line l : f.lines()) {
                    ps.setLong(1, id);
                    ps.setInt(2, l.lineNumber());
                    ps.setString(3, truncate(l.callId(), 200));
                    ps.setTimestamp(4, Timestamp.from(l.startedAt()));
                    ps.setString(5, truncate(l.calling(), 64));
                    ps.setString(6, truncate(l.called(), 64));
                    ps.setLong(7, l.billedSeconds());
                    ps.setBigDecimal(8, l.ratePerMinute());
                    ps.setBigDecimal(9, l.amount());
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        return id;
    }

    @Override
    public List<Invoice> list(String carrier, int limit) throws SQLException {
        String sql = "SELECT i.id, i.carrier_id, i.invoice_number, i.period_start, i.period_end, i.currency, i.stated_seconds, "
                + "i.stated_amount, (SELECT count(*) FROM invoice_line l WHERE l.invoice_id = i.id), i.lines_seconds, "
                + "i.lines_amount, i.ingest_file_id, i.received_at FROM invoice i"
                + (carrier == null ? "" : " WHERE i.carrier_id = ?") + " ORDER BY i.id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int k = 1;
            if (carrier != null) {
                ps.setString(k++, carrier);
            }
            ps.setInt(k, limit);
            List<Invoice> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Invoice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                            rs.getDate(5).toLocalDate(), rs.getString(6), rs.getLong(7), rs.getBigDecimal(8), rs.getInt(9),
                            rs.getLong(10), rs.getBigDecimal(11), rs.getLong(12), rs.getTimestamp(13).toInstant()));
                }
            }
            return out;
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
