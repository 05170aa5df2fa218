package io.trunkline.edge.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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
        }
        assertThat(id).isNotBlank();
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("J " + id);
        try (Journal j = Journal.open(file)) {
            assertThat(j.id()).as("a reopened journal keeps its name").isEqualTo(id);
        }
        try (Journal other = Journal.open(dir.resolve("edge-6.journal"))) {
            assertThat(other.pending(10)).isEmpty();
        }
    }

    @Test
    void aLineCutShortByACrashIsIgnored() throws Exception {
        Path file = dir.resolve("edge-2.journal");
        try (Journal j = Journal.open(file)) {
            j.append("CALL", "{\"callId\":\"a\"}");
        }
        Files.writeString(file, "E 2 CA", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Journal j = Journal.open(file)) {
            assertThat(j.pending()).extracting(Journal.Entry::sequence).containsExactly(1L);
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
