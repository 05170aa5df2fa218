package io.trunkline.ejb.calls.application;

import io.trunkline.camel.edge.EdgeEventPort;
import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.ejb.calls.infrastructure.JdbcCallRecordStore;
import io.trunkline.ejb.metrics.api.MetricMarks;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Local;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.sql.DataSource;

/**
 * Stores what the edge nodes deliver, one transaction per NOTIFY batch: committed before the route answers
 * the node 200, each event once by its id; and answers searches over the stored call records.
 */
@Stateless
@Local({EdgeEventPort.class, CallRecords.class})
public class EdgeEventIngestion implements EdgeEventPort, CallRecords {

    @Resource(lookup = "java:jboss/datasources/TrunklineDS")
    private DataSource dataSource;

    @EJB
    private CallPartitions partitions;
    @EJB
    private MetricMarks metricMarks;

    private JdbcCallRecordStore store;

    @PostConstruct
    void init() {
        store = new JdbcCallRecordStore(dataSource);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int store(EdgeEvents.Batch batch) {
        Instant now = Instant.now();
        Map<String, CallRecord> calls = JdbcCallRecordStore.calls(batch);
        Set<YearMonth> months = JdbcCallRecordStore.monthsWithoutPartitions(calls, now);
        if (!months.isEmpty()) {
            // A month's first calls: its partitions are made and committed on their own first.
            partitions.ensure(months);
            JdbcCallRecordStore.created(months);
        }
        try {
            int stored = store.store(batch, calls, now);
            // Every call of the batch marks its windows: one stored before changes nothing when recomputed.
            metricMarks.callsStored(calls.values().stream()
                    .map(c -> new Instant[]{c.startedAt(), c.endedAt()}).toList());
            return stored;
        } catch (SQLException e) {
            throw new EJBException("events of " + batch.node() + " not stored: " + e.getMessage(), e);
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Page search(Instant from, Instant to, String pbx, String carrier, int limit) {
        try {
            return store.search(from, to, pbx, carrier, Math.max(1, Math.min(limit, MAX_LIMIT)));
        } catch (SQLException e) {
            throw new EJBException("call records not read: " + e.getMessage(), e);
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> record(String callId) {
        try {
            return store.record(callId);
        } catch (SQLException e) {
            throw new EJBException("call record not read: " + e.getMessage(), e);
        }
    }
}
