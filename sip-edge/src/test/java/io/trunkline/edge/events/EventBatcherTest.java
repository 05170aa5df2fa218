package io.trunkline.edge.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.contract.json.Json;
import io.trunkline.edge.cdr.Journal;
import io.trunkline.edge.testing.CallRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventBatcherTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aTornLastLineIsDroppedEveryCompleteEventGoesOnceAndLaterOnesAreNotHeldBack() throws Exception {
        Path file = dir.resolve("edge-1.journal");
        try (Journal j = Journal.open(file)) {
            for (int i = 0; i < 250; i++) {
                j.append(EdgeEvents.CALL, CallRecords.answered("before-" + i, AT.plusSeconds(i)).toJson());
            }
        }
        // The node died in the middle of the next record.
        String next = "E 251 CALL " + CallRecords.answered("torn", AT).toJson();
        Files.writeString(file, next.substring(0, next.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        List<EdgeEvents.Event> delivered = new ArrayList<>();
        try (Journal j = Journal.open(file)) {
            EventBatcher batcher = new EventBatcher(j, "edge-1", 100, 48_000);
            j.append(EdgeEvents.CALL, CallRecords.answered("after-0", AT).toJson());
            deliverAll(j, batcher, delivered);
            j.append(EdgeEvents.CALL, CallRecords.answered("after-1", AT).toJson());
            deliverAll(j, batcher, delivered);
            assertThat(batcher.setAside()).isZero();
            assertThat(j.pendingCount()).isZero();
        }
        assertThat(delivered).extracting(EdgeEvents.Event::id).doesNotHaveDuplicates();
        List<String> callIds = delivered.stream().filter(e -> e.type().equals(EdgeEvents.CALL))
                .map(e -> (String) Json.parseObject(e.json()).get("callId")).toList();
        assertThat(callIds).hasSize(252).startsWith("before-0", "before-1").endsWith("before-249", "after-0", "after-1")
                .doesNotContain("torn");
        assertThat(delivered).filteredOn(e -> e.type().equals(EdgeEvents.JOURNAL)).singleElement()
                .satisfies(e -> assertThat(Json.parseObject(e.json())).containsEntry("event", "TORN_WRITE")
                        .containsKey("droppedBytes"));
    }

    @Test
    void aLineGluedOntoATornOneIsSetAsideAndTheEventsAfterItGoOn() throws Exception {
        // A journal written before torn tails were cut: the next entry was appended to the fragment.
        Path file = dir.resolve("edge-2.journal");
        Files.writeString(file, "J k3x9\n"
                + "E 1 CALL {\"callId\":\"a\"}\n"
                + "E 2 CAE 3 CALL {\"callId\":\"b\"}\n"
                + "E 4 TRUNK {\"trunk\":\"carrier-a\",\"up\":false}\n"
                + "E 5 CALL {\"callId\":\"c\"\n", StandardCharsets.UTF_8);
        List<EdgeEvents.Event> delivered = new ArrayList<>();
        try (Journal j = Journal.open(file)) {
            EventBatcher batcher = new EventBatcher(j, "edge-2", 100, 48_000);
            deliverAll(j, batcher, delivered);
            assertThat(batcher.setAside()).isEqualTo(2);
            assertThat(j.pendingCount()).isZero();
        }
        assertThat(delivered).extracting(EdgeEvents.Event::sequence).startsWith(1L, 4L);
        assertThat(delivered).extracting(EdgeEvents.Event::type)
                .containsExactly("CALL", "TRUNK", "JOURNAL", "JOURNAL");
        assertThat(delivered.subList(2, 4)).extracting(e -> Json.parseObject(e.json()).get("reason"))
                .containsExactly("unknown event type 'CAE' (known: CALL, JOURNAL, SECURITY, TRUNK)",
                        "body is not a JSON object: " + reason("{\"callId\":\"c\""));
        assertThat(Files.readAllLines(dir.resolve("edge-2.journal.set-aside"))).hasSize(2);
        EdgeEvents.Batch sent = EdgeEvents.read(EdgeEvents.write("edge-2", delivered));
        assertThat(sent.events()).as("what is sent is what the platform reads").hasSize(4);
    }

    @Test
    void aBatchKeepsToItsSize() throws Exception {
        try (Journal j = Journal.open(dir.resolve("edge-3.journal"))) {
            for (int i = 0; i < 30; i++) {
                j.append(EdgeEvents.CALL, CallRecords.answered("c" + i, AT).toJson());
            }
            j.flush();
            int size = CallRecords.answered("c0", AT).toJson().length();
            EventBatcher batcher = new EventBatcher(j, "edge-3", 100, size * 5);
            EventBatcher.Batch batch = batcher.next();
            assertThat(batch.events()).hasSizeBetween(3, 5);
            assertThat(batch.sequences()).startsWith(1L, 2L);
        }
    }

    private static String reason(String json) {
        try {
            Json.parseObject(json);
            return "parsed";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Acknowledges batch after batch, as 2xx answers would, until nothing deliverable is left. */
    private static void deliverAll(Journal j, EventBatcher batcher, List<EdgeEvents.Event> delivered) throws Exception {
        for (int round = 0; round < 1_000; round++) {
            j.flush();
            EventBatcher.Batch batch = batcher.next();
            if (batch.events().isEmpty() && j.pending().isEmpty()) {
                return;
            }
            delivered.addAll(batch.events());
            j.acknowledge(batch.sequences());
        }
        throw new AssertionError("events held back: " + j.pending());
    }
}
