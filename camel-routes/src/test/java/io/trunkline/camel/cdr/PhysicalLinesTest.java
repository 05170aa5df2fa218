package io.trunkline.camel.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.camel.billing.RejectedLine;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format through the reader the platform uses: a quarantined record is reported at the physical line of the
 * file it starts on (1-based, header lines counted, as an editor shows it), a record whose quoted field holds a
 * line break is one record, and chunks and their resume point stay on line boundaries.
 */
class PhysicalLinesTest {

    private static final Path RESOURCES = Path.of("src/test/resources");

    @TempDir
    Path dir;

    private final MemoryCdrPort port = new MemoryCdrPort();
    private final Map<String, CdrSource> sources = sources();

    private static Map<String, CdrSource> sources() {
        Properties p = new Properties();
        try {
            p.load(new StringReader("""
                    cdr.source.asterisk.format=asterisk
                    cdr.source.asterisk.pbx=branch
                    cdr.source.asterisk.zone=America/Chicago
                    cdr.source.freeswitch.format=freeswitch
                    cdr.source.freeswitch.pbx=branch
                    cdr.source.freeswitch.zone=Europe/Berlin
                    cdr.source.cucm.format=cucm
                    cdr.source.cucm.pbx=hq
                    cdr.source.teams.format=teams
                    cdr.source.teams.pbx=hq
                    cdr.source.carrier-csv.format=carrier-csv
                    cdr.source.carrier-csv.carrier=carrier-a
                    cdr.source.carrier-csv.columns=key:CallID,calling:ANI,called:DNIS,start:StartTime,duration:Seconds,answered:Connected
                    cdr.source.carrier-csv.date-format=dd/MM/yyyy HH:mm:ss
                    cdr.source.carrier-csv.zone=Europe/London
                    """));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return CdrSources.from(p, Path.of("unused"), pbx -> null).stream()
                .collect(Collectors.toMap(CdrSource::id, s -> s));
    }

    private List<RejectedLine> quarantined(String format, Path file) throws Exception {
        new CdrFileReader(port, 3).read(sources.get(format), file.getFileName().toString(), file, () -> false);
        List<RejectedLine> rejected = new ArrayList<>();
        port.chunks.forEach(c -> rejected.addAll(c.rejected()));
        return rejected;
    }

    @Test
    void everyFormatsQuarantinedLineIsTheLineAnEditorShowsAtThatNumber() throws Exception {
        Map<String, String> invalid = Map.of(
                "asterisk", "asterisk/invalid/Master.csv",
                "freeswitch", "freeswitch/invalid/Master.csv",
                "cucm", "cucm/invalid/cdr_StandAloneCluster_01_202611261600_4101",
                "teams", "teams/invalid/DirectRouting.calls.2026-11-27.csv",
                "carrier-csv", "carrier-csv/invalid/carrier-a.csv");
        Map<String, List<RejectedLine>> byFormat = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : invalid.entrySet()) {
            port.chunks.clear();
            Path file = RESOURCES.resolve(e.getValue());
            List<String> physical = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<RejectedLine> rejected = quarantined(e.getKey(), file);
            byFormat.put(e.getKey(), rejected);
            assertThat(rejected).as(e.getValue()).isNotEmpty();
            for (RejectedLine r : rejected) {
                assertThat(physical.get(r.lineNumber() - 1).replace("\uFEFF", ""))
                        .as(e.getValue() + " line " + r.lineNumber()).isEqualTo(r.raw());
            }
        }
        assertThat(byFormat.get("cucm"))
                .as("after CUCM's row of names and row of types").extracting(RejectedLine::lineNumber)
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aCallerNameWithALineBreakIsOneRecordAndAStrayQuoteCostsOnlyItsLine() throws Exception {
        new CdrFileReader(port, 100).read(sources.get("asterisk"), "Master.csv",
                RESOURCES.resolve("asterisk/valid/Master-multiline.csv"), () -> false);
        CdrPort.Chunk chunk = port.chunks.get(0);
        assertThat(chunk.rejected()).isEmpty();
        assertThat(chunk.recordLines()).containsExactly(1, 2, 4);
        assertThat(chunk.read()).isEqualTo(3);
        assertThat(chunk.lastLine()).isEqualTo(4);

        port.chunks.clear();
        List<RejectedLine> rejected = quarantined("asterisk", RESOURCES.resolve("asterisk/invalid/Master-quotes.csv"));
        assertThat(rejected).extracting(RejectedLine::lineNumber).containsExactly(2, 4);
        assertThat(rejected.get(0).reason()).isEqualTo("quote opened at character 87 is never closed");
        assertThat(rejected.get(1).raw()).as("both lines of the record, quarantined once").contains("\"\"\"Anna\nSmith\"\" <2005>\"");
        assertThat(port.chunks.stream().flatMap(c -> c.recordLines().stream()).toList())
                .as("the lines after the stray quote are read as they are").containsExactly(1, 3, 6);
    }

    /**
     * A line that breaks RFC 4180 (a quote inside a field that did not start with one, a closing quote followed by
     * text: FreeSWITCH's unescaped caller names) says nothing RFC 4180 can trust about where its quotes end, so it is
     * never continued on the next line, even one that would continue it validly; an RFC 4180 line is.
     */
    @Test
    void aLineQuotedAgainstRfc4180IsNeverJoinedToTheNext() throws Exception {
        String text = "x\"y,\"open\nend\",z\n\"Bob \"B\",\"open\nend\",z\n\"ok\",\"open\nend\",z\n";
        CsvRecords records = new CsvRecords(new StrictLines(new java.io.ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        List<Records.Text> read = new ArrayList<>();
        for (Records.Text t = records.next(); t != null; t = records.next()) {
            read.add(t);
        }
        assertThat(read).containsExactly(new Records.Text("x\"y,\"open", 1, 1), new Records.Text("end\",z", 2, 2),
                new Records.Text("\"Bob \"B\",\"open", 3, 3), new Records.Text("end\",z", 4, 4),
                new Records.Text("\"ok\",\"open\nend\",z", 5, 6));
    }

    @Test
    void aChunkNeverEndsInsideARecordSoTheResumePointIsALine() throws Exception {
        String multi = Files.readString(RESOURCES.resolve("asterisk/valid/Master-multiline.csv"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            text.append(multi.replace("1764150", "17641" + (10 + i)));
        }
        Path file = dir.resolve("Master.csv");
        Files.writeString(file, text);
        AtomicInteger asked = new AtomicInteger();
        CdrFileReader reader = new CdrFileReader(port, 3);
        assertThatThrownBy(() -> reader.read(sources.get("asterisk"), "Master.csv", file, () -> asked.incrementAndGet() == 2))
                .isInstanceOf(CdrFileReader.Interrupted.class)
                .hasMessage("Master.csv: stopped after line 7; resumes there");
        assertThat(port.chunks).extracting(CdrPort.Chunk::lastLine)
                .as("3 lines or more a chunk, ending after a record: lines 2-3 and 6-7 hold one each").containsExactly(3, 7);
        CdrPort.Outcome o = reader.read(sources.get("asterisk"), "Master.csv", file, () -> false);
        assertThat(o.read()).isEqualTo(30);
        assertThat(o.stored()).isEqualTo(30);
        assertThat(o.quarantined()).isZero();
        assertThat(o.duplicates()).as("nothing read twice").isZero();
        assertThat(port.chunks).extracting(CdrPort.Chunk::lastLine).containsExactly(3, 7, 11, 15, 19, 23, 27, 31, 35, 39,
                40);
    }
}
