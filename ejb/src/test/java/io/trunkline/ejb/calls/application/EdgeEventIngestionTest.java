package io.trunkline.ejb.calls.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.contract.json.Json;
import io.trunkline.ejb.calls.domain.StoredEvent;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeEventIngestionTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private final InMemoryCallStore store = new InMemoryCallStore();
    private final List<Instant[]> marked = new ArrayList<>();
    private final EdgeEventIngestion ingestion = new EdgeEventIngestion(store, store, new CallPartitions(store),
            (Collection<Instant[]> spans) -> marked.addAll(spans), new EndedCalls());

    /** The fraud port, recording the calls whose ends it was told. */
    private static final class EndedCalls implements io.trunkline.ejb.fraud.api.FraudScreening {
        final List<io.trunkline.contract.events.CallRecord> ended = new ArrayList<>();

        @Override
        public Stage stage() {
            return (request, decision) -> decision;
        }

        @Override
        public void warmUp() {
            // nothing to warm in this fake
        }

        @Override
        public void ended(List<io.trunkline.contract.events.CallRecord> calls) {
            ended.addAll(calls);
        }
    }

    @Test
    void aCallRecordWithA300CharacterCallIdIsKeptAsUnreadableAndLaterEventsAreStored() {
        String longId = "x".repeat(300);
        int stored = ingestion.store(batch(
                call(1, "before@pbx"),
                call(2, longId),
                call(3, "after@pbx"),
                new EdgeEvents.Event(id(4), 4, EdgeEvents.TRUNK, "{\"trunk\":\"carrier-a\",\"up\":false}")));

        assertThat(stored).isEqualTo(4);
        assertThat(store.calls).containsOnlyKeys("before@pbx", "after@pbx");
        StoredEvent kept = store.events.get(id(2));
        assertThat(kept.type()).isEqualTo(StoredEvent.UNREADABLE);
        Map<String, Object> body = Json.parseObject(kept.body());
        assertThat(body).containsEntry("type", "CALL")
                .containsEntry("reason", "callId of 300 characters is longer than its column (200)");
        assertThat((String) body.get("text")).contains(longId);
        assertThat(store.events.get(id(4)).body()).contains("carrier-a");

        assertThat(ingestion.store(batch(call(5, "later@pbx")))).as("later events are delivered").isEqualTo(1);
        assertThat(store.calls).containsKey("later@pbx");
    }

    @Test
    void aCallRecordThatDoesNotReadOrDoesNotFitIsKeptWithItsReason() {
        ingestion.store(batch(
                new EdgeEvents.Event(id(1), 1, EdgeEvents.CALL, record("a b").toJson()),
                new EdgeEvents.Event(id(2), 2, EdgeEvents.CALL, "{\"node\":\"edge-1\"}"),
                new EdgeEvents.Event(id(3), 3, EdgeEvents.CALL, record("c@pbx").toJson()
                        .replace("\"OUTBOUND\"", "\"SIDEWAYS-AND-BACK\"")),
                new EdgeEvents.Event(id(4), 4, "A-TYPE-FAR-TOO-LONG", "{}"),
                new EdgeEvents.Event(id(5), 5, EdgeEvents.CALL, record("e@pbx").toJson().replace("2001", "20\\u00001"))));

        assertThat(store.calls).isEmpty();
        assertThat(store.events.values()).extracting(StoredEvent::type).containsOnly(StoredEvent.UNREADABLE);
        assertThat(store.events.values()).extracting(e -> (String) Json.parseObject(e.body()).get("reason"))
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("callId: a Call-ID holds no white space"),
                        r -> assertThat(r).startsWith("call record"),
                        r -> assertThat(r).isEqualTo("direction of 17 characters is longer than its column (8)"),
                        r -> assertThat(r).isEqualTo("event type of 19 characters (at most 16)"),
                        r -> assertThat(r).isEqualTo("a field holds a NUL character (PostgreSQL text holds none)"));
    }

    @Test
    void aBatchDeliveredAgainIsStoredOnceAndItsCallsMarkTheirWindows() {
        EdgeEvents.Batch batch = batch(call(1, "a@pbx"), call(2, "b@pbx"));
        assertThat(ingestion.store(batch)).isEqualTo(2);
        assertThat(ingestion.store(batch)).as("the node did not hear the 200 and sent it again").isZero();
        assertThat(store.events).hasSize(2);
        assertThat(marked).hasSize(4);
    }

    @Test
    void aMonthsPartitionsAreMadeBeforeItsFirstCallsAndOnlyOnce() {
        ingestion.store(batch(call(1, "a@pbx")));
        ingestion.store(batch(call(2, "b@pbx")));
        assertThat(store.partitions).containsExactly(YearMonth.of(2026, 11));
        assertThat(store.remembered).containsExactly(YearMonth.of(2026, 11));
    }

    private static EdgeEvents.Batch batch(EdgeEvents.Event... events) {
        return new EdgeEvents.Batch("edge-1", List.of(events));
    }

    private static String id(long seq) {
        return EdgeEvents.eventId("edge-1", "k3x9", seq);
    }

    private static EdgeEvents.Event call(long seq, String callId) {
        return new EdgeEvents.Event(id(seq), seq, EdgeEvents.CALL, record(callId).toJson());
    }

    private static CallRecord record(String callId) {
        return new CallRecord(callId, "edge-1", "hq-cucm", "2001", "9011442071234567", "+12125552001", "+442071234567",
                "INTERNATIONAL", "PLATFORM",
                List.of(new CallRecord.Attempt("carrier-a", "sip:+442071234567@10.0.0.1", 503, null, 12L),
                        new CallRecord.Attempt("carrier-b", "sip:+442071234567@10.0.0.2", 200, 180L, 900L)),
                AT, AT.plusMillis(912), AT.plusSeconds(61), 200, "PBX", "OUTBOUND", "hq-cucm");
    }
}
