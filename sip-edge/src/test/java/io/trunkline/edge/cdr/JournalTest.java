package io.trunkline.edge.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.json.Json;
import io.trunkline.edge.testing.CallRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void pendingEventsAndTheSequenceSurviveAReopen() throws Exception {
        Path file = dir.resolve("edge-1.journal");
        try (Journal j = Journal.open(file)) {
            assertThat(j.append("CALL", "{\"callId\":\"a\"}")).isEqualTo(1);
            assertThat(j.append("CALL", "{\"callId\":\"b\"}")).isEqualTo(2);
            assertThat(j.append("CALL", "{\"callId\":\"c\"}")).isEqualTo(3);
            j.flush();
            j.acknowledge(List.of(1L, 3L));
            assertThat(j.pending()).extracting(Journal.Entry::sequence).containsExactly(2L);
        }
        try (Journal j = Journal.open(file)) {
            assertThat(j.pending()).singleElement().satisfies(e -> {
                assertThat(e.sequence()).isEqualTo(2);
                assertThat(e.type()).isEqualTo("CALL");
                assertThat(e.json()).isEqualTo("{\"callId\":\"b\"}");
            });
            assertThat(j.append("CALL", "{\"callId\":\"d\"}")).as("numbers continue after a restart").isEqualTo(4);
        }
    }

    @Test
    void theJournalKeepsItsNameAndHandsOutTheOldestFirst() throws Exception {
        Path file = dir.resolve("edge-5.journal");
        String id;
        try (Journal j = Journal.open(file)) {
            id = j.id();
            for (int i = 0; i < 5; i++) {
                j.append("CALL", "{\"n\":" + i + "}");
            }
            j.flush();
            assertThat(j.pending(2)).extracting(Journal.Entry::sequence).containsExactly(1L, 2L);
            assertThat(j.pendingCount()).isEqualTo(5);
            assertThat(j.deliverableCount()).isEqualTo(5);
            j.append("CALL", "{\"n\":5}");
            assertThat(j.pendingCount()).isEqualTo(6);
            assertThat(j.deliverableCount()).as("deliverable once forced, by the flusher or a flush").isBetween(5, 6);
            j.flush();
            assertThat(j.deliverableCount()).isEqualTo(6);
        }
        assertThat(id).isNotBlank();
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("J " + id + " 1");
        try (Journal j = Journal.open(file)) {
            assertThat(j.id()).as("a reopened journal keeps its name").isEqualTo(id);
        }
        try (Journal other = Journal.open(dir.resolve("edge-6.journal"))) {
            assertThat(other.pending(10)).isEmpty();
        }
    }

    @Test
    void aTornLastLineIsCutOffAndReportedAndTheNextEntryIsNotGluedToIt() throws Exception {
        Path file = dir.resolve("edge-2.journal");
        try (Journal j = Journal.open(file)) {
            j.append("CALL", "{\"callId\":\"a\"}");
            j.append("CALL", "{\"callId\":\"b\"}");
        }
        long complete = Files.size(file);
        Files.writeString(file, "E 3 CALL {\"call", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Journal j = Journal.open(file)) {
            assertThat(Files.size(file)).as("the fragment is cut off, the report appended").isGreaterThan(complete);
            assertThat(Files.readString(file)).endsWith("\n");
            assertThat(Files.readAllLines(file)).noneMatch(line -> line.startsWith("E 3 CALL"));
            j.flush();
            List<Journal.Entry> pending = j.pending();
            assertThat(pending).extracting(Journal.Entry::type).containsExactly("CALL", "CALL", "JOURNAL");
            Map<String, Object> report = Json.parseObject(pending.get(2).json());
            assertThat(report).containsEntry("event", "TORN_WRITE").containsEntry("fragment", "E 3 CALL {\"call");
            assertThat(((Number) report.get("droppedBytes")).intValue()).isEqualTo(15);
            assertThat(pending.get(2).sequence()).as("the fragment's sequence was never handed out").isEqualTo(3);
            j.append("CALL", "{\"callId\":\"d\"}");
        }
        try (Journal j = Journal.open(file)) {
            assertThat(j.pending()).extracting(Journal.Entry::json).containsExactly("{\"callId\":\"a\"}",
                    "{\"callId\":\"b\"}", j.pending().get(2).json(), "{\"callId\":\"d\"}");
            assertThat(j.pending()).extracting(Journal.Entry::type).as("nothing more dropped on a clean reopen")
                    .containsExactly("CALL", "CALL", "JOURNAL", "CALL");
        }
    }

    @Test
    void diskUseAfterAHundredThousandAcknowledgedCallsStaysBelowOneMegabyte() throws Exception {
        Path file = dir.resolve("edge-7.journal");
        Instant start = Instant.parse("2026-11-26T10:00:00Z");
        long written = 0;
        try (Journal j = Journal.open(file)) {
            List<Long> batch = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                String json = CallRecords.answered("call-" + i + "@10.0.0.1", start.plusMillis(i)).toJson();
                written += json.length();
                batch.add(j.append("CALL", json));
                if (batch.size() == 100) {
                    j.acknowledge(batch);
                    batch.clear();
                }
            }
            j.append("CALL", CallRecords.answered("still-pending", start).toJson());
            j.flush();
            assertThat(j.pendingCount()).isEqualTo(1);
        }
        assertThat(written).as("the calls' records alone are tens of megabytes").isGreaterThan(30_000_000L);
        assertThat(diskUse()).as("bytes of journal files on disk").isLessThan(1_000_000L);
        try (Journal j = Journal.open(file)) {
            assertThat(j.pending()).singleElement().satisfies(e -> assertThat(e.sequence()).isEqualTo(100_001));
            assertThat(j.append("CALL", "{}")).as("the sequence outlives the deleted segments").isEqualTo(100_002);
        }
    }

    @Test
    void aPendingEventInAClosedSegmentIsCarriedForwardAndSurvivesAReopen() throws Exception {
        Path file = dir.resolve("edge-8.journal");
        try (Journal j = Journal.open(file, 4096)) {
            for (int i = 1; i <= 2000; i++) {
                long seq = j.append("CALL", "{\"callId\":\"c" + i + "\"}");
                if (seq != 5) {
                    j.acknowledge(List.of(seq));
                }
            }
            assertThat(j.segments()).as("the old segments went once their last event was carried").hasSizeLessThan(4);
        }
        assertThat(diskUse()).isLessThan(3 * 4096L);
        try (Journal j = Journal.open(file, 4096)) {
            j.flush();
            assertThat(j.pending()).extracting(Journal.Entry::sequence).containsExactly(5L);
            assertThat(j.pending().get(0).json()).isEqualTo("{\"callId\":\"c5\"}");
        }
    }

    @Test
    void anEntrySetAsideIsKeptWithItsReasonAndReported() throws Exception {
        Path file = dir.resolve("edge-9.journal");
        try (Journal j = Journal.open(file)) {
            long bad = j.append("CAE", "2 CALL {\"callId\":\"x\"}");
            long good = j.append("CALL", "{\"callId\":\"y\"}");
            j.setAside(bad, "unknown event type 'CAE'");
            j.flush();
            assertThat(j.pending()).extracting(Journal.Entry::sequence).startsWith(good).hasSize(2);
            Map<String, Object> report = Json.parseObject(j.pending().get(1).json());
            assertThat(report).containsEntry("event", "SET_ASIDE").containsEntry("reason", "unknown event type 'CAE'");
        }
        Map<String, Object> kept = Json.parseObject(Files.readAllLines(dir.resolve("edge-9.journal.set-aside")).get(0));
        assertThat(kept).containsEntry("type", "CAE").containsEntry("text", "2 CALL {\"callId\":\"x\"}")
                .containsEntry("reason", "unknown event type 'CAE'");
        try (Journal j = Journal.open(file)) {
            assertThat(j.pending()).extracting(Journal.Entry::type).containsExactly("CALL", "JOURNAL");
        }
    }

    private long diskUse() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void onlyWhatIsOnDiskIsHandedOutForDelivery() throws Exception {
        try (Journal j = Journal.open(dir.resolve("edge-4.journal"))) {
            long seq = j.append("CALL", "{\"callId\":\"a\"}");
            j.flush();
            assertThat(j.pending()).extracting(Journal.Entry::sequence).containsExactly(seq);
        }
    }

    @Test
    void entriesAreOneLine() throws Exception {
        try (Journal j = Journal.open(dir.resolve("edge-3.journal"))) {
            assertThatThrownBy(() -> j.append("CALL", "{\n}")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
