package io.trunkline.camel.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.camel.billing.UnreadableFileException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against an in-memory store: counts that reconcile, resume after an interruption, unreadable files. */
class CdrFileReaderTest {

    private static final Path VALID = Path.of("src/test/resources/asterisk/valid/Master.csv");
    private static final Path INVALID = Path.of("src/test/resources/asterisk/invalid/Master.csv");

    @TempDir
    Path dir;

    private final MemoryCdrPort port = new MemoryCdrPort();
    private final CdrSource source = new CdrSource("branch-asterisk", "asterisk",
            new AsteriskCdrCsvParser("branch-asterisk", ZoneId.of("America/Chicago")), "branch-asterisk", null,
            ZoneId.of("America/Chicago"), "US", StandardCharsets.UTF_8, "unused", null);

    @Test
    void everyLineIsStoredOrQuarantinedAndTheSameFileAgainIsADuplicate() throws Exception {
        CdrFileReader reader = new CdrFileReader(port, 3);
        CdrPort.Outcome first = reader.read(source, "Master.csv", VALID, () -> false);
        assertThat(first.status()).isEqualTo("STORED");
        assertThat(first.read()).isEqualTo(4);
        assertThat(first.stored()).isEqualTo(4);
        assertThat(port.chunks).as("chunks of 3 lines over 5 lines (one blank)").hasSize(2);
        assertThat(port.chunks.get(0).recordLines()).containsExactly(1, 2, 3);

        CdrPort.Outcome bad = reader.read(source, "bad.csv", INVALID, () -> false);
        assertThat(bad.read()).isEqualTo(7);
        assertThat(bad.quarantined()).isEqualTo(7);
        assertThat(bad.stored() + bad.quarantined() + bad.duplicates()).isEqualTo(bad.read());

        CdrPort.Outcome again = reader.read(source, "Master-copy.csv", VALID, () -> false);
        assertThat(again.status()).isEqualTo("DUPLICATE");
        assertThat(again.read()).isEqualTo(4);
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(port.records).hasSize(4);
    }

    @Test
    void aRecordAlreadyStoredFromAnotherFileCountsAsADuplicate() throws Exception {
        CdrFileReader reader = new CdrFileReader(port, 100);
        reader.read(source, "Master.csv", VALID, () -> false);
        Path overlap = dir.resolve("overlap.csv");
        String firstLine = Files.readAllLines(VALID).get(0);
        String other = Files.readAllLines(VALID).get(0).replace("1764147600.1", "1764147600.99");
        Files.writeString(overlap, firstLine + "\n" + other + "\n");
        CdrPort.Outcome o = reader.read(source, "overlap.csv", overlap, () -> false);
        assertThat(o.read()).isEqualTo(2);
        assertThat(o.stored()).isEqualTo(1);
        assertThat(o.duplicates()).isEqualTo(1);
    }

    @Test
    void anInterruptedFileResumesAfterItsLastStoredChunk() throws Exception {
        Path big = dir.resolve("big.csv");
        String template = Files.readAllLines(VALID).get(0);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            lines.append(template.replace("1764147600.1", "1764147600." + (1000 + i))).append('\n');
        }
        Files.writeString(big, lines);
        AtomicInteger asked = new AtomicInteger();
        CdrFileReader reader = new CdrFileReader(port, 100);
        assertThatThrownBy(() -> reader.read(source, "big.csv", big, () -> asked.incrementAndGet() == 4))
                .isInstanceOf(CdrFileReader.Interrupted.class)
                .hasMessage("big.csv: stopped after line 400; resumes there");
        assertThat(port.records).hasSize(400);
        assertThat(port.last().status).isEqualTo("RECEIVING");

        CdrPort.Outcome resumed = reader.read(source, "big.csv", big, () -> false);
        assertThat(resumed.status()).isEqualTo("STORED");
        assertThat(resumed.read()).isEqualTo(1_000);
        assertThat(resumed.stored()).isEqualTo(1_000);
        assertThat(resumed.duplicates()).as("nothing read twice").isZero();
        assertThat(port.files).hasSize(1);
        assertThat(port.records).hasSize(1_000);
    }

    @Test
    void aFileInAnotherEncodingIsRefusedWhole() throws Exception {
        Path latin1 = dir.resolve("latin1.csv");
        String line = Files.readAllLines(VALID).get(0).replace("DOCUMENTATION", "Société");
        Files.write(latin1, (Files.readAllLines(VALID).get(0) + "\n" + line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        CdrFileReader reader = new CdrFileReader(port, 100);
        assertThatThrownBy(() -> reader.read(source, "latin1.csv", latin1, () -> false))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("line 2 is not UTF-8 text");
        assertThat(port.last().status).isEqualTo("REFUSED");
        assertThat(port.last().reason).startsWith("line 2 is not UTF-8 text");
        assertThat(port.records).as("nothing of a refused file is stored").isEmpty();
    }

    @Test
    void aFileCutOffMidRecordIsRefusedAndOneMerelyWithoutItsLastNewlineIsTaken() throws Exception {
        String whole = Files.readString(VALID);
        Path cut = dir.resolve("cut.csv");
        Files.writeString(cut, whole.substring(0, whole.length() - 30));
        CdrFileReader reader = new CdrFileReader(port, 100);
        assertThatThrownBy(() -> reader.read(source, "cut.csv", cut, () -> false))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("truncated: the last line (5) ends without a newline and does not parse");
        Path noNewline = dir.resolve("no-newline.csv");
        Files.writeString(noNewline, whole.stripTrailing());
        assertThat(reader.read(source, "no-newline.csv", noNewline, () -> false).stored()).isEqualTo(4);
    }

    @Test
    void anEmptyFileOfAnyFormatIsAFileOfNoRecords() throws Exception {
        // A rotation leaves an empty file (0 bytes) when no call ended since; a header format has no header then.
        java.util.Properties p = new java.util.Properties();
        for (String format : java.util.List.of("asterisk", "freeswitch", "cucm", "teams", "carrier-csv")) {
            p.setProperty("cdr.source." + format + ".format", format);
            p.setProperty("cdr.source." + format + ".pbx", "branch-asterisk");
        }
        p.remove("cdr.source.carrier-csv.pbx");
        p.setProperty("cdr.source.carrier-csv.carrier", "carrier-a");
        p.setProperty("cdr.source.carrier-csv.columns", "key:CallID,calling:ANI,called:DNIS,start:StartTime,duration:Seconds");
        java.util.List<CdrSource> sources = CdrSources.from(p, dir.resolve("inbox"), pbx -> ZoneId.of("UTC"));
        assertThat(sources).hasSize(5);
        CdrFileReader reader = new CdrFileReader(port, 100);
        for (CdrSource s : sources) {
            Path empty = Files.createFile(dir.resolve(s.id() + "-Master.csv"));
            CdrPort.Outcome o = reader.read(s, "Master.csv", empty, () -> false);
            assertThat(o.status()).as(s.formatName()).isEqualTo("STORED");
            assertThat(o.read()).as(s.formatName()).isZero();
            assertThat(o.stored() + o.quarantined() + o.duplicates()).isZero();
        }
        assertThat(port.chunks).isEmpty();
        Path rotatedAgain = Files.createFile(dir.resolve("Master-2.csv"));
        assertThat(reader.read(sources.get(0), "Master.csv", rotatedAgain, () -> false).status())
                .as("the same (empty) content again").isEqualTo("DUPLICATE");
    }

    @Test
    void gzipFilesAreReadAndABrokenGzipIsRefused() throws Exception {
        Path gz = dir.resolve("Master.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(VALID));
        }
        CdrFileReader reader = new CdrFileReader(port, 100);
        assertThat(reader.read(source, "Master.csv.gz", gz, () -> false).stored()).isEqualTo(4);
        byte[] bytes = Files.readAllBytes(gz);
        Path broken = dir.resolve("broken.csv.gz");
        Files.write(broken, Arrays.copyOf(bytes, bytes.length - 12));
        assertThatThrownBy(() -> reader.read(source, "broken.csv.gz", broken, () -> false))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("gzip stream broken");
    }

    @Test
    void aLineTooLongOrWithANulForTheStoreIsQuarantinedNotStored() throws Exception {
        String line = Files.readAllLines(VALID).get(0);
        Path odd = dir.resolve("odd.csv");
        // The key is the uniqueid and the destination channel: one character over the 200 kept.
        Files.writeString(odd, line.replace("1764147600.1", "x".repeat(201 - "/PJSIP/trunk-a-00000002".length())) + "\n"
                + line.replace("1764147600.1", "nul\u0000key") + "\n" + line + "\n");
        CdrPort.Outcome o = new CdrFileReader(port, 100).read(source, "odd.csv", odd, () -> false);
        assertThat(o.read()).isEqualTo(3);
        assertThat(o.stored()).isEqualTo(1);
        assertThat(o.quarantined()).isEqualTo(2);
        assertThat(port.chunks.get(0).rejected()).extracting(r -> r.reason()).containsExactly(
                "record key: 201 characters, more than the 200 kept", "record key: contains a NUL character");
    }

    @Test
    void aLineAParserFailsOnInAnyWayIsQuarantinedAndALineWithoutEndRefusesTheFile() throws Exception {
        CdrFormat throwing = new CdrFormat() {
            @Override
            public int headerLines() {
                return 0;
            }

            @Override
            public LineParser open(String fileName, java.util.List<String> header) {
                AsteriskCdrCsvParser asterisk = new AsteriskCdrCsvParser("branch-asterisk", ZoneId.of("UTC"));
                return line -> {
                    if (line.contains("1764147900.3")) {
                        throw new java.time.DateTimeException("Instant exceeds minimum or maximum instant");
                    }
                    return asterisk.parseLine(line);
                };
            }
        };
        CdrSource odd = new CdrSource("branch-asterisk", "asterisk", throwing, "branch-asterisk", null, ZoneId.of("UTC"),
                "US", StandardCharsets.UTF_8, "unused", null);
        CdrPort.Outcome o = new CdrFileReader(port, 100).read(odd, "Master.csv", VALID, () -> false);
        assertThat(o.stored()).isEqualTo(3);
        assertThat(o.quarantined()).isEqualTo(1);
        assertThat(port.chunks.get(0).rejected().get(0).reason()).isEqualTo("Instant exceeds minimum or maximum instant");

        Path crOnly = dir.resolve("cr-only.csv");
        Files.writeString(crOnly, (Files.readAllLines(VALID).get(0) + "\r").repeat(6_000));
        assertThatThrownBy(() -> new CdrFileReader(port, 100).read(source, "cr-only.csv", crOnly, () -> false))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("line 1 is longer than 1 MiB: no line ends (CR only?) or not text; the whole file was refused");
    }
}
