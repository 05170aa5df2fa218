package io.trunkline.ejb.calls.infrastructure;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.ejb.calls.domain.CallPartitionRepository;
import io.trunkline.ejb.calls.domain.CallStoreFailure;
import io.trunkline.ejb.calls.domain.DeliveredEvents;
import io.trunkline.ejb.calls.domain.EdgeEventRepository;
import io.trunkline.ejb.calls.domain.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edge events and call records in plain JDBC, the two ports of the calls context. A batch's new events go in
 * as three statement batches (events, calls, attempts); the primary keys are the guard if two deliveries of
 * one batch ever race. On PostgreSQL each month's partitions are created when first needed. One per server
 * (application scoped, unlike the other contexts' dependent repositories): it remembers which months' partitions
 * it has made. The database comes from {@code PlatformDatabase} like theirs.
 */
@ApplicationScoped
public class JdbcCallRecordStore implements EdgeEventRepository, CallPartitionRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCallRecordStore.class);

    @Inject
    private DataSource dataSource;
    /**
     * A month of calls vacuumed after every 20,000 new ones (not after 20 % of the month), so that the call search's
     * index-only scans (V22) find the newest calls' pages marked all-visible instead of reading their rows.
     */
    private static final String VACUUMED_OFTEN = " WITH (autovacuum_vacuum_insert_threshold = 20000, "
            + "autovacuum_vacuum_insert_scale_factor = 0)";
    /** Months whose partitions this server has made (and committed). */
    private final Set<YearMonth> created = ConcurrentHashMap.newKeySet();

    public JdbcCallRecordStore() {
    }

    public JdbcCallRecordStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<String> storedAmong(Collection<String> eventIds) {
        try (Connection c = dataSource.getConnection()) {
            return existing(c, new LinkedHashSet<>(eventIds));
        } catch (SQLException e) {
            throw new CallStoreFailure("stored events not read: " + e.getMessage(), e);
        }
    }

    @Override
    public void store(String node, List<StoredEvent> events, Instant receivedAt) {
        Map<String, CallRecord> calls = new LinkedHashMap<>();
        for (StoredEvent e : events) {
            if (e.call() != null) {
                calls.put(e.id(), e.call());
            }
        }
        try (Connection c = dataSource.getConnection()) {
            insertEvents(c, node, events, receivedAt);
            if (!calls.isEmpty()) {
                insertCalls(c, calls, receivedAt);
            }
        } catch (SQLException e) {
            throw new CallStoreFailure("events of " + node + " not stored: " + e.getMessage(), e);
        }
    }

    private static Set<String> existing(Connection c, Set<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += 500) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM edge_event WHERE event_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private static void insertEvents(Connection c, String node, List<StoredEvent> events, Instant receivedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO edge_event (event_id, node_id, sequence_no, "
                + "event_type, body, received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (StoredEvent e : events) {
                ps.setString(1, e.id());
                ps.setString(2, cut(node, 64));
                ps.setLong(3, e.sequence());
                ps.setString(4, e.type());
                // A call's body lives in call_record; everything else (and an unreadable call) here.
                ps.setString(5, e.call() != null ? null : e.body());
                ps.setTimestamp(6, Timestamp.from(receivedAt));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertCalls(Connection c, Map<String, CallRecord> calls, Instant receivedAt) throws SQLException {
        try (PreparedStatement call = c.prepareStatement("INSERT INTO call_record (call_id, started_at, event_id, node_id, "
                + "direction, origin, pbx_id, calling_dialed, called_dialed, calling_normalized, called_normalized, "
                + "call_class, decision_source, carrier_id, attempts, answered_at, ended_at, duration_ms, release_code, "
                + "released_by, record, stir_verstat, stir_failure, stir_attest, stir_arrives, test_call, media_packets, "
                + "media_mos, media_loss_pct, media_jitter_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement attempt = c.prepareStatement("INSERT INTO call_attempt (call_id, started_at, attempt_no, "
                     + "target, uri, sip_code, first_provisional_ms, answer_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int attempts = 0;
            for (Map.Entry<String, CallRecord> entry : calls.entrySet()) {
                CallRecord r = entry.getValue();
                Timestamp started = Timestamp.from(DeliveredEvents.startedAt(r, receivedAt));
                call.setString(1, r.callId());
                call.setTimestamp(2, started);
                call.setString(3, entry.getKey());
                call.setString(4, cut(r.node(), 64));
                call.setString(5, r.direction());
                call.setString(6, cut(r.origin(), 64));
                call.setString(7, cut(r.pbx(), 64));
                call.setString(8, cut(r.callingDialed(), 64));
                call.setString(9, cut(r.calledDialed(), 64));
                call.setString(10, cut(r.callingNormalized(), 32));
                call.setString(11, cut(r.calledNormalized(), 32));
                call.setString(12, r.callClass());
                call.setString(13, r.decisionSource());
                call.setString(14, cut(r.carrier(), 64));
                call.setInt(15, r.attempts().size());
                call.setTimestamp(16, r.answeredAt() == null ? null : Timestamp.from(r.answeredAt()));
                call.setTimestamp(17, r.endedAt() == null ? null : Timestamp.from(r.endedAt()));
                call.setLong(18, r.durationMs());
                call.setInt(19, r.releaseCode());
                call.setString(20, r.releasedBy());
                call.setString(21, r.toJson());
                setStir(call, r);
                call.setString(26, cut(r.testCall(), 64));
                setMedia(call, r);
                call.addBatch();
                int n = 0;
                for (CallRecord.Attempt a : r.attempts()) {
                    attempt.setString(1, r.callId());
                    attempt.setTimestamp(2, started);
                    attempt.setInt(3, ++n);
                    attempt.setString(4, cut(a.target(), 64));
                    attempt.setString(5, cut(a.uri(), 255));
                    setInteger(attempt, 6, a.sipCode());
                    setLong(attempt, 7, a.firstProvisionalMs());
                    setLong(attempt, 8, a.answerMs());
                    attempt.addBatch();
                    attempts++;
                }
            }
            call.executeBatch();
            if (attempts > 0) {
                attempt.executeBatch();
            }
        }
    }

    /**
     * Columns 27-30: the packets relayed both ways and the worst direction's MOS, loss and jitter (null without a
     * relay or without RTCP reports).
     */
    private static void setMedia(PreparedStatement call, CallRecord r) throws SQLException {
        if (r.media().isEmpty()) {
            call.setNull(27, Types.BIGINT);
        } else {
            call.setLong(27, r.media().stream().mapToLong(CallRecord.MediaLeg::packets).sum());
        }
        Double mos = r.media().stream().map(CallRecord.MediaLeg::mos).filter(m -> m != null && Double.isFinite(m))
                .min(Double::compare).orElse(null);
        Double loss = r.media().stream().map(CallRecord.MediaLeg::lossPct).filter(l -> l != null && Double.isFinite(l))
                .max(Double::compare).orElse(null);
        Double jitter = r.media().stream().map(CallRecord.MediaLeg::jitterMs).filter(j -> j != null && Double.isFinite(j))
                .max(Double::compare).orElse(null);
        setDecimal(call, 28, mos == null ? null : Math.max(0, Math.min(5, mos)), 1);
        setDecimal(call, 29, loss == null ? null : Math.max(0, Math.min(100, loss)), 2);
        setInteger(call, 30, jitter == null ? null : (int) Math.min(Integer.MAX_VALUE, Math.round(jitter)));
    }

    private static void setDecimal(PreparedStatement ps, int i, Double v, int scale) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NUMERIC);
        } else {
            ps.setBigDecimal(i, java.math.BigDecimal.valueOf(v).setScale(scale, java.math.RoundingMode.HALF_UP));
        }
    }

    /** Columns 22-25: the inbound verification, or the carried attempt's signed and expected attestation. */
    private static void setStir(PreparedStatement call, CallRecord r) throws SQLException {
        CallRecord.Attempt carried = r.carried();
        call.setString(22, r.identity() == null ? null : cut(r.identity().verstat(), 24));
        call.setString(23, r.identity() == null ? null : cut(r.identity().failure(), 32));
        String attest = r.identity() != null ? (r.identity().attest() == null ? null : r.identity().attest().name())
                : carried == null ? null : carried.signed();
        call.setString(24, attest);
        call.setString(25, r.identity() != null || carried == null ? null : carried.arrives());
    }

    @Override
    public Set<YearMonth> missing(Set<YearMonth> months) {
        Set<YearMonth> out = new TreeSet<>(months);
        out.removeAll(created);
        return out;
    }

    /**
     * Creates the months' partitions of both tables where missing (PostgreSQL; the demo database has plain
     * tables). Call it in a transaction of its own, committed before the calls are stored.
     */
    @Override
    public void create(Set<YearMonth> months) {
        if (months.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (!c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
                return;
            }
            for (YearMonth m : months) {
                if (created.contains(m)) {
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    for (String table : List.of("call_record", "call_attempt")) {
                        s.execute("CREATE TABLE IF NOT EXISTS " + partition(table, m) + " PARTITION OF " + table
                                + " FOR VALUES FROM ('" + m.atDay(1) + " 00:00:00+00') TO ('" + m.plusMonths(1).atDay(1)
                                + " 00:00:00+00')" + (table.equals("call_record") ? VACUUMED_OFTEN : ""));
                    }
                }
                LOG.info("call partitions for {} ready", m);
            }
        } catch (SQLException e) {
            throw new CallStoreFailure("call partitions for " + months + " not created: " + e.getMessage(), e);
        }
    }

    @Override
    public void created(Set<YearMonth> months) {
        created.addAll(months);
    }

    static String partition(String table, YearMonth m) {
        return String.format("%s_%04d_%02d", table, m.getYear(), m.getMonthValue());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static void setInteger(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
