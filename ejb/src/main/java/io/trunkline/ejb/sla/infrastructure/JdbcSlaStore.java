package io.trunkline.ejb.sla.infrastructure;

import io.trunkline.ejb.sla.domain.Claim;
import io.trunkline.ejb.sla.domain.SlaStore;
import io.trunkline.ejb.sla.domain.SlaTerms;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** Tables sla_terms and sla_claim in plain JDBC, in the caller's JTA transaction. */
@Dependent
public class JdbcSlaStore implements SlaStore {

    private static final String TERMS = "SELECT carrier_id, availability_percent, asr_floor_percent, pdd_ceiling_ms, "
            + "ner_floor_percent, mos_floor, period_zone, claim_window_days, claims_email, monthly_charge, currency, "
            + "credit_schedule, updated_at, updated_by FROM sla_terms";
    private static final String CLAIMS = "SELECT id, carrier_id, claim_month, judged_at, judged_by, availability_percent, "
            + "outage_seconds, attempts, breaches, credit_percent, credit_amount, currency, claim_deadline, state, "
            + "workflow_id, evidence_document, claimed_amount, sent_at, accepted_amount, refusal_reason, credit_invoice, "
            + "closed_at FROM sla_claim";

    private final DataSource dataSource;

    @Inject
    public JdbcSlaStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<SlaTerms> terms(String carrier) throws SQLException {
        List<SlaTerms> found = terms(TERMS + " WHERE carrier_id = ?", carrier);
        return found.stream().findFirst();
    }

    @Override
    public Optional<SlaTerms> lockTerms(String carrier) throws SQLException {
        return terms(TERMS + " WHERE carrier_id = ? FOR UPDATE", carrier).stream().findFirst();
    }

    @Override
    public List<SlaTerms> allTerms() throws SQLException {
        return terms(TERMS + " ORDER BY carrier_id", null);
    }

    private List<SlaTerms> terms(String sql, String carrier) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (carrier != null) {
                ps.setString(1, carrier);
            }
            List<SlaTerms> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int pdd = rs.getInt(4);
                    Integer pddCeiling = rs.wasNull() ? null : pdd;
                    out.add(new SlaTerms(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), pddCeiling,
                            rs.getBigDecimal(5), rs.getBigDecimal(6), ZoneId.of(rs.getString(7)), rs.getInt(8),
                            rs.getString(9), rs.getBigDecimal(10), rs.getString(11).trim(), SlaTerms.parse(rs.getString(12)),
                            rs.getTimestamp(13).toInstant(), rs.getString(14)));
                }
            }
            return out;
        }
    }

    @Override
    public void putTerms(SlaTerms t) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sla_terms WHERE carrier_id = ?")) {
                del.setString(1, t.carrier());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sla_terms (carrier_id, availability_percent, "
                    + "asr_floor_percent, pdd_ceiling_ms, ner_floor_percent, mos_floor, period_zone, claim_window_days, "
                    + "claims_email, monthly_charge, currency, credit_schedule, updated_at, updated_by) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.carrier());
                ps.setBigDecimal(2, t.availabilityPercent());
                ps.setBigDecimal(3, t.asrFloorPercent());
                if (t.pddCeilingMs() == null) {
                    ps.setNull(4, Types.INTEGER);
                } else {
                    ps.setInt(4, t.pddCeilingMs());
                }
                ps.setBigDecimal(5, t.nerFloorPercent());
                ps.setBigDecimal(6, t.mosFloor());
                ps.setString(7, t.zone().getId());
                ps.setInt(8, t.claimWindowDays());
                ps.setString(9, t.claimsEmail());
                ps.setBigDecimal(10, t.monthlyCharge());
                ps.setString(11, t.currency());
                ps.setString(12, SlaTerms.format(t.schedule()));
                ps.setTimestamp(13, Timestamp.from(t.updatedAt()));
                ps.setString(14, t.updatedBy());
                ps.executeUpdate();
            }
        }
    }

    @Override
    public Optional<Claim> claim(String carrier, YearMonth month) throws SQLException {
        return claims(CLAIMS + " WHERE carrier_id = ? AND claim_month = ?", carrier, month.toString()).stream().findFirst();
    }

    @Override
    public Optional<Claim> claim(long id) throws SQLException {
        return claims(CLAIMS + " WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<Claim> claims(YearMonth month, int limit) throws SQLException {
        return month == null ? claims(CLAIMS + " ORDER BY id DESC LIMIT " + limit)
                : claims(CLAIMS + " WHERE claim_month = ? ORDER BY id DESC LIMIT " + limit, month.toString());
    }

    private List<Claim> claims(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Claim> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Claim(rs.getLong(1), rs.getString(2), YearMonth.parse(rs.getString(3).trim()),
                            instant(rs.getTimestamp(4)), rs.getString(5), rs.getBigDecimal(6), rs.getLong(7), rs.getLong(8),
                            rs.getString(9), rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getString(12).trim(),
                            instant(rs.getTimestamp(13)), rs.getString(14), longOrNull(rs, 15), longOrNull(rs, 16),
                            rs.getBigDecimal(17), instant(rs.getTimestamp(18)), rs.getBigDecimal(19), rs.getString(20),
                            rs.getString(21), instant(rs.getTimestamp(22))));
                }
            }
            return out;
        }
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public long insert(Claim k) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO sla_claim (carrier_id, claim_month, judged_at, judged_by, "
                     + "availability_percent, outage_seconds, attempts, breaches, credit_percent, credit_amount, currency, "
                     + "claim_deadline, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, k.carrier());
            ps.setString(2, k.month().toString());
            ps.setTimestamp(3, Timestamp.from(k.judgedAt()));
            ps.setString(4, k.judgedBy());
            ps.setBigDecimal(5, k.availabilityPercent());
            ps.setLong(6, k.outageSeconds());
            ps.setLong(7, k.attempts());
            ps.setString(8, k.breaches());
            ps.setBigDecimal(9, k.creditPercent());
            ps.setBigDecimal(10, k.creditAmount());
            ps.setString(11, k.currency());
            ps.setTimestamp(12, Timestamp.from(k.claimDeadline()));
            ps.setString(13, k.state());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    @Override
    public void workflowStarted(long id, long workflowId) throws SQLException {
        update("UPDATE sla_claim SET workflow_id = ? WHERE id = ?", workflowId, id);
    }

    @Override
    public void delete(long id) throws SQLException {
        update("DELETE FROM sla_claim WHERE id = ?", id);
    }

    @Override
    public void evidence(long id, long documentId) throws SQLException {
        update("UPDATE sla_claim SET evidence_document = ? WHERE id = ?", documentId, id);
    }

    @Override
    public void sent(long id, BigDecimal claimedAmount, Instant at) throws SQLException {
        update("UPDATE sla_claim SET state = 'SENT', claimed_amount = ?, sent_at = ? WHERE id = ?", claimedAmount,
                Timestamp.from(at), id);
    }

    @Override
    public void accepted(long id, BigDecimal acceptedAmount) throws SQLException {
        update("UPDATE sla_claim SET state = 'ACCEPTED', accepted_amount = ? WHERE id = ? AND state = 'SENT'",
                acceptedAmount, id);
    }

    @Override
    public void refused(long id, String reason, Instant at) throws SQLException {
        update("UPDATE sla_claim SET state = 'REFUSED', refusal_reason = ?, closed_at = ? WHERE id = ?", reason,
                Timestamp.from(at), id);
    }

    @Override
    public void credited(long id, String invoice, Instant at) throws SQLException {
        update("UPDATE sla_claim SET state = 'CREDITED', credit_invoice = ?, closed_at = ? WHERE id = ?", invoice,
                Timestamp.from(at), id);
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
