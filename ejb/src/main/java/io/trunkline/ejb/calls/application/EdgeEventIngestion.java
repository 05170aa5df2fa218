package io.trunkline.ejb.calls.application;

import io.trunkline.camel.edge.EdgeEventPort;
import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.ejb.calls.domain.CallPartitionRepository;
import io.trunkline.ejb.calls.domain.DeliveredEvents;
import io.trunkline.ejb.calls.domain.EdgeEventRepository;
import io.trunkline.ejb.calls.domain.StoredEvent;
import io.trunkline.ejb.fraud.api.FraudScreening;
import io.trunkline.ejb.metrics.api.MetricMarks;
import io.trunkline.ejb.security.api.SourceBans;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.ejb.EJB;
import javax.ejb.Local;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what the edge nodes deliver, one transaction per NOTIFY batch: committed before the route answers
 * the node 200, each event once by its id, an event that cannot be stored as what it says it is kept as
 * unreadable with its reason ({@link DeliveredEvents}). Searches are {@link CallRecordService}'s.
 */
@Stateless
@Local(EdgeEventPort.class)
public class EdgeEventIngestion implements EdgeEventPort {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeEventIngestion.class);

    @Inject
    private EdgeEventRepository events;
    @Inject
    private CallPartitionRepository partitionStore;
    @EJB
    private CallPartitions partitions;
    @EJB
    private MetricMarks metricMarks;
    @EJB
    private FraudScreening fraud;
    @EJB
    private SourceBans sourceBans;

    public EdgeEventIngestion() {
    }

    EdgeEventIngestion(EdgeEventRepository events, CallPartitionRepository partitionStore, CallPartitions partitions,
                       MetricMarks metricMarks, FraudScreening fraud) {
        this.fraud = fraud;
        this.events = events;
        this.partitionStore = partitionStore;
        this.partitions = partitions;
        this.metricMarks = metricMarks;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int store(EdgeEvents.Batch batch) {
        Instant now = Instant.now();
        List<StoredEvent> fresh = DeliveredEvents.sort(batch);
        List<CallRecord> batchCalls = fresh.stream().map(StoredEvent::call).filter(c -> c != null).toList();
        Set<String> stored = events.storedAmong(fresh.stream().map(StoredEvent::id).toList());
        fresh.removeIf(e -> stored.contains(e.id()));
        if (!fresh.isEmpty()) {
            ensurePartitions(fresh, now);
            for (StoredEvent e : fresh) {
                if (StoredEvent.UNREADABLE.equals(e.type())) {
                    LOG.error("event {} from {} kept as unreadable: {}", e.id(), batch.node(),
                            e.body().length() > 400 ? e.body().substring(0, 400) + "..." : e.body());
                }
            }
            events.store(batch.node(), fresh, now);
            for (StoredEvent e : fresh) {
                if (EdgeEvents.SECURITY.equals(e.type()) && sourceBans != null) {
                    // In this transaction: the audit row commits with the event, once per event id.
                    sourceBans.reported(batch.node(), e.body());
                }
            }
        }
        // Ended calls close their channels and add their spend in the fraud counters, each once (fresh ones only).
        fraud.ended(fresh.stream().map(StoredEvent::call).filter(c -> c != null).toList());
        // Every call of the batch marks its windows: one stored before changes nothing when recomputed.
        metricMarks.callsStored(batchCalls.stream().map(c -> new Instant[]{c.startedAt(), c.endedAt()}).toList());
        return fresh.size();
    }

    private void ensurePartitions(List<StoredEvent> fresh, Instant now) {
        Set<YearMonth> months = new TreeSet<>();
        for (StoredEvent e : fresh) {
            if (e.call() != null) {
                months.add(YearMonth.from(DeliveredEvents.startedAt(e.call(), now).atOffset(ZoneOffset.UTC)));
            }
        }
        months = partitionStore.missing(months);
        if (!months.isEmpty()) {
            // A month's first calls: its partitions are made and committed on their own first.
            partitions.ensure(months);
            partitionStore.created(months);
        }
    }
}
