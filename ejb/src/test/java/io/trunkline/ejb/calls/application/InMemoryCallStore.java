package io.trunkline.ejb.calls.application;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.ejb.calls.domain.CallPartitionRepository;
import io.trunkline.ejb.calls.domain.DeliveredEvents;
import io.trunkline.ejb.calls.domain.EdgeEventRepository;
import io.trunkline.ejb.calls.domain.StoredEvent;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The calls context's stores in memory, refusing what the database's columns would refuse. */
final class InMemoryCallStore implements EdgeEventRepository, CallPartitionRepository {

    final Map<String, StoredEvent> events = new LinkedHashMap<>();
    final Map<String, CallRecord> calls = new LinkedHashMap<>();
    final Set<YearMonth> partitions = new TreeSet<>();
    final Set<YearMonth> remembered = new TreeSet<>();

    @Override
    public Set<String> storedAmong(Collection<String> eventIds) {
        return eventIds.stream().filter(events::containsKey).collect(Collectors.toSet());
    }

    @Override
    public void store(String node, List<StoredEvent> batch, Instant receivedAt) {
        for (StoredEvent e : batch) {
            if (e.id().length() > DeliveredEvents.EVENT_ID || e.type().length() > DeliveredEvents.TYPE
                    || events.containsKey(e.id())) {
                throw new IllegalStateException("the database would refuse event " + e.id());
            }
            if (e.call() != null) {
                if (e.call().callId().length() > DeliveredEvents.CALL_ID) {
                    throw new IllegalStateException("value too long for type character varying(200)");
                }
                YearMonth month = YearMonth.from(DeliveredEvents.startedAt(e.call(), receivedAt)
                        .atOffset(java.time.ZoneOffset.UTC));
                if (!partitions.contains(month)) {
                    throw new IllegalStateException("no partition of call_record for " + month);
                }
            }
        }
        for (StoredEvent e : batch) {
            events.put(e.id(), e);
            if (e.call() != null) {
                calls.put(e.call().callId(), e.call());
            }
        }
    }

    @Override
    public CallRecords.Page search(Instant from, Instant to, PbxId pbx, CarrierId carrier, int limit) {
        List<CallRecords.CallSummary> found = new ArrayList<>();
        calls.values().stream()
                .filter(c -> !c.startedAt().isBefore(from) && c.startedAt().isBefore(to))
                .filter(c -> pbx == null || pbx.value().equals(c.pbx()))
                .filter(c -> carrier == null || c.attempts().stream().anyMatch(a -> carrier.value().equals(a.target())))
                .sorted(Comparator.comparing(CallRecord::startedAt).reversed())
                .forEach(c -> found.add(new CallRecords.CallSummary(c.callId(), c.startedAt(), c.node(), c.direction(),
                        c.origin(), c.pbx(), c.callingDialed(), c.calledDialed(), c.calledNormalized(), c.callClass(),
                        c.decisionSource(), c.carrier(), c.attempts().size(), c.answeredAt(), c.endedAt(),
                        c.durationMs(), c.releaseCode(), c.releasedBy())));
        return new CallRecords.Page(found.size(), found.subList(0, Math.min(limit, found.size())));
    }

    @Override
    public Optional<String> record(CallId callId) {
        return Optional.ofNullable(calls.get(callId.value())).map(CallRecord::toJson);
    }

    @Override
    public Set<YearMonth> missing(Set<YearMonth> months) {
        Set<YearMonth> out = new TreeSet<>(months);
        out.removeAll(remembered);
        return out;
    }

    @Override
    public void create(Set<YearMonth> months) {
        partitions.addAll(months);
    }

    @Override
    public void created(Set<YearMonth> months) {
        remembered.addAll(months);
    }
}
