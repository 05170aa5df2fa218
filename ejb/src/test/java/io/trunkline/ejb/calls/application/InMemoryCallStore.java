package io.trunkline.ejb.calls.application;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.telecom.CallId;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.ejb.calls.domain.CallPartitionRepository;
import io.trunkline.ejb.calls.domain.CallSearchStore;
import io.trunkline.ejb.calls.domain.DeliveredEvents;
import io.trunkline.ejb.calls.domain.EdgeEventRepository;
import io.trunkline.ejb.calls.domain.StoredEvent;
import java.time.Instant;
import java.time.YearMonth;
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
final class InMemoryCallStore implements EdgeEventRepository, CallPartitionRepository, CallSearchStore {

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
    public List<CallRecords.CallSummary> calls(CallRecords.Query q, int rows) {
        return matching(q).filter(c -> q.before() == null || c.startedAt().isBefore(q.before().startedAt())
                        || c.startedAt().equals(q.before().startedAt()) && c.callId().compareTo(q.before().callId()) < 0)
                .limit(rows).map(InMemoryCallStore::summary).toList();
    }

    @Override
    public long count(CallRecords.Query q, int cap) {
        return Math.min(cap, matching(q).count());
    }

    /** The search's filters as the SQL applies them, newest first then Call-ID descending. */
    private java.util.stream.Stream<CallRecord> matching(CallRecords.Query q) {
        List<String> forms = q.number() == null ? List.of() : q.number().forms();
        return calls.values().stream()
                .filter(c -> !c.startedAt().isBefore(q.from()) && c.startedAt().isBefore(q.to()))
                .filter(c -> q.pbx() == null || q.pbx().value().equals(c.pbx()))
                .filter(c -> q.carrier() == null || q.carrier().value().equals(c.origin())
                        || c.attempts().stream().anyMatch(a -> q.carrier().value().equals(a.target())))
                .filter(c -> q.number() == null || java.util.stream.Stream.of(c.callingDialed(), c.callingNormalized(),
                        c.calledDialed(), c.calledNormalized()).anyMatch(forms::contains))
                .filter(c -> q.outcome() == null || q.outcome().matches(c.answeredAt(), c.attempts().size(), c.releaseCode()))
                .sorted(Comparator.comparing(CallRecord::startedAt).thenComparing(CallRecord::callId).reversed());
    }

    private static CallRecords.CallSummary summary(CallRecord c) {
        return new CallRecords.CallSummary(c.callId(), c.startedAt(), c.node(), c.direction(), c.origin(), c.pbx(),
                c.callingDialed(), c.callingNormalized(), c.calledDialed(), c.calledNormalized(), c.callClass(),
                c.decisionSource(), c.carrier(), c.attempts().size(), c.answeredAt(), c.endedAt(), c.durationMs(),
                c.releaseCode(), c.releasedBy(),
                io.trunkline.ejb.calls.api.CallOutcome.kindOf(c.answeredAt(), c.attempts().size(), c.releaseCode()).label());
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
