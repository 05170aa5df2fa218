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
    void nulPaddingLeftByACrashEndsTheRecordItCutOffAndTheRecordsAfterItAreRead() throws Exception {
        // A crash loses a write: the file system leaves NULs where its data should be, and the restarted writer
        // appends after them. Before, the padding and the next record were one line, quarantined together.
        java.util.List<String> valid = Files.readAllLines(VALID);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes((valid.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(valid.get(1).substring(0, 70).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[70_000]); // more than the reader's buffer
        bytes.writeBytes((valid.get(2) + "\n" + valid.get(4) + "\n").getBytes(StandardCharsets.UTF_8));
        Path padded = dir.resolve("padded.csv");
        Files.write(padded, bytes.toByteArray());

        CdrPort.Outcome o = new CdrFileReader(port, 100).read(source, "padded.csv", padded, () -> false);

        assertThat(o.status()).isEqualTo("STORED");
        assertThat(o.read()).as("the record before the padding, the one it cut off, two after it").isEqualTo(4);
        assertThat(o.stored()).isEqualTo(3);
        assertThat(o.quarantined()).isEqualTo(1);
        assertThat(port.records.keySet()).anyMatch(k -> k.contains("1764147600.1"))
                .anyMatch(k -> k.contains("1764148800.7")).hasSize(3);
        assertThat(port.chunks.get(0).rejected()).singleElement().satisfies(r -> {
            assertThat(r.lineNumber()).isEqualTo(2);
            assertThat(r.raw()).isEqualTo(valid.get(1).substring(0, 70));
        });
        assertThat(port.chunks.get(0).recordLines()).as("an editor shows the record after the padding on line 2")
                .containsExactly(1, 2, 3);
    }

    @Test
    void aFewNulsInsideARecordAreItsBytesEvenAcrossTheReadersBuffer() throws Exception {
        // Fewer than MIN_PADDING NULs are no lost write: the record keeps them and the store refuses it, wherever the
        // reader's 64 KB reads happen to split the run.
        String template = Files.readAllLines(VALID).get(0);
        for (int before : new int[] {65_530, 65_536 - 3, 65_536}) {
            MemoryCdrPort fresh = new MemoryCdrPort();
            StringBuilder text = new StringBuilder();
            int n = 0;
            String odd = template.replace("1764147600.1", "nul" + "\u0000".repeat(StrictLines.MIN_PADDING - 1) + "key");
            int offset = odd.indexOf('\u0000');
            while (text.length() + template.length() + 1 + offset < before - 200) {
                text.append(template.replace("1764147600.1", "1764147600." + (1000 + n++))).append('\n');
            }
            int blanks = before - offset - text.length();
            text.append("\n".repeat(blanks)).append(odd).append('\n');
            assertThat(text.indexOf("\u0000")).isEqualTo(before);
            Path file = dir.resolve("nuls-" + before + ".csv");
            Files.writeString(file, text);
            CdrPort.Outcome o = new CdrFileReader(fresh, 100_000).read(source, file.getFileName().toString(), file, () -> false);
            assertThat(o.read()).isEqualTo(n + 1);
            assertThat(o.stored()).isEqualTo(n);
            int oddLine = n + blanks + 1;
            assertThat(fresh.chunks.get(0).rejected()).singleElement().satisfies(r -> {
                assertThat(r.lineNumber()).isEqualTo(oddLine);
                assertThat(r.reason()).isEqualTo("record key: contains a NUL character");
            });
        }
    }

    @Test
    void nulPaddingAtTheEndOfAFileIsNoTruncatedRecord() throws Exception {
        String whole = Files.readString(VALID);
        Path tail = dir.resolve("tail.csv");
        byte[] text = whole.getBytes(StandardCharsets.UTF_8);
        Files.write(tail, Arrays.copyOf(text, text.length + 4_096));
        CdrFileReader reader = new CdrFileReader(port, 100);
        CdrPort.Outcome o = reader.read(source, "tail.csv", tail, () -> false);
        assertThat(o.status()).isEqualTo("STORED");
        assertThat(o.stored()).isEqualTo(4);
        assertThat(o.quarantined()).isZero();

        // A record cut off by the padding at the file's end: quarantined, not the whole file refused.
        Path cut = dir.resolve("cut-padded.csv");
        byte[] part = (whole.substring(0, whole.length() - 30)).getBytes(StandardCharsets.UTF_8);
        Files.write(cut, Arrays.copyOf(part, part.length + 512));
        CdrPort.Outcome c = reader.read(source, "cut-padded.csv", cut, () -> false);
        assertThat(c.status()).isEqualTo("STORED");
        assertThat(c.read()).isEqualTo(4);
        assertThat(c.quarantined()).isEqualTo(1);
    }

    @Test
    void aFileWithAUtf16ByteOrderMarkIsReadAsUtf16() throws Exception {
        // Windows PowerShell 5.1 writes UTF-16LE with a mark (Out-File, '>', Export-Csv -Encoding Unicode).
        String text = Files.readString(VALID).replace("DOCUMENTATION", "Soci\u00e9t\u00e9 \uD83D\uDCDE");
        for (var utf16 : new java.nio.charset.Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            MemoryCdrPort fresh = new MemoryCdrPort();
            Path file = dir.resolve("utf16-" + utf16.name() + ".csv");
            byte[] mark = utf16 == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF};
            byte[] body = text.getBytes(utf16);
            byte[] all = Arrays.copyOf(mark, 2 + body.length);
            System.arraycopy(body, 0, all, 2, body.length);
            Files.write(file, all);
            CdrPort.Outcome o = new CdrFileReader(fresh, 100).read(source, file.getFileName().toString(), file, () -> false);
            assertThat(o.status()).as(utf16.name()).isEqualTo("STORED");
            assertThat(o.stored()).as(utf16.name()).isEqualTo(4);
            assertThat(o.quarantined()).as(utf16.name()).isZero();
            assertThat(fresh.chunks.get(0).recordLines()).containsExactly(1, 2, 3, 5);
        }
        Path odd = dir.resolve("odd.csv");
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[2 + body.length + 1];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(body, 0, all, 2, body.length);
        all[all.length - 1] = 'x';
        Files.write(odd, all);
        assertThatThrownBy(() -> new CdrFileReader(port, 100).read(source, "odd.csv", odd, () -> false))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("line 6 is not UTF-16 text (the file starts with a UTF-16 byte-order mark); the whole file"
                        + " was refused");
    }

    @Test
    void aByteOrderMarkAloneIsAFileOfNoRecords() throws Exception {
        // What Windows PowerShell's Export-Csv -Encoding UTF8 writes when the query returned no rows.
        Path bom = dir.resolve("empty-export.csv");
        Files.write(bom, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        CdrPort.Outcome o = new CdrFileReader(port, 100).read(source, "empty-export.csv", bom, () -> false);
        assertThat(o.status()).isEqualTo("STORED");
        assertThat(o.read()).isZero();
        Path two = dir.resolve("two.csv");
        Files.write(two, new byte[] {(byte) 0xEF, (byte) 0xBB});
        assertThatThrownBy(() -> new CdrFileReader(port, 100).read(source, "two.csv", two, () -> false))
                .as("two bytes of a mark are no mark").isInstanceOf(UnreadableFileException.class);
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
