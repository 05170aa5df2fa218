package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.camel.billing.UnreadableFileException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one CDR file into the {@link CdrPort}, never holding it whole. A first pass checks that the file can
 * be read at all (its charset, its gzip stream, a last line cut off mid-record, a JSON page cut off) and
 * fingerprints it; only a readable file is then parsed, in chunks of about {@value #DEFAULT_CHUNK} lines, each
 * stored with the physical line it reached so that an interrupted file resumes there. Records and their
 * quarantine carry the physical line they start on, header lines counted, as an editor shows it. Files ending in
 * {@code .gz} are read through gzip. An empty file (0 bytes) is taken as a file of no records.
 */
public final class CdrFileReader {

    private static final Logger LOG = LoggerFactory.getLogger(CdrFileReader.class);

    public static final int DEFAULT_CHUNK = 20_000;

    /** Thrown between chunks when the platform is stopping: the file stays where it is and resumes later. */
    public static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted(String message) {
            super(message);
        }
    }

    private final CdrPort port;
    private final int chunkLines;

    public CdrFileReader(CdrPort port, int chunkLines) {
        this.port = port;
        this.chunkLines = chunkLines;
    }

    /**
     * @param stopping asked between chunks; true stops the file where it is ({@link Interrupted})
     * @throws UnreadableFileException when the file cannot be read; it has been recorded as refused
     */
    public CdrPort.Outcome read(CdrSource source, String fileName, Path file, BooleanSupplier stopping) throws IOException {
        Scan scan;
        try {
            scan = scan(source, fileName, file);
        } catch (UnreadableFileException e) {
            port.refuse(source, fileName, e.getMessage());
            throw e;
        }
        CdrPort.Opened opened = port.open(source, fileName, scan.sha256, scan.records);
        if (opened.duplicate() || scan.empty) {
            return port.finish(opened.fileId());
        }
        // One chunk is stored while the next is parsed: the database and the parser each keep a core busy.
        // Chunks are stored one at a time and in order, so the stored resume point only ever moves forward.
        ExecutorService storer = Executors.newSingleThreadExecutor(r -> new Thread(r, "cdr-store-" + source.id()));
        Future<?> inFlight = null;
        String start = start(fileName, file);
        try (FileRecords in = open(fileName, file, source, start)) {
            CdrFormat.LineParser parser = in.format.open(fileName, in.header);
            Pending pending = new Pending(opened.linesDone());
            Records.Text record;
            while ((record = in.records.next()) != null) {
                if (record.lastLine() <= opened.linesDone()) {
                    continue;
                }
                // A chunk ends between physical lines only, never between two rows of a JSON page on one line:
                // the resume point is a line.
                if (pending.lines() >= chunkLines && record.firstLine() > pending.lastLine) {
                    awaitStored(inFlight);
                    if (inFlight != null && stopping.getAsBoolean()) {
                        throw new Interrupted(fileName + ": stopped after line " + pending.firstLine + "; resumes there");
                    }
                    CdrPort.Chunk chunk = pending.chunk(pending.lastLine);
                    inFlight = storer.submit(() -> port.take(source, opened.fileId(), chunk));
                    pending = new Pending(pending.lastLine);
                }
                pending.add(parser, record);
            }
            awaitStored(inFlight);
            if (pending.lines() > 0) {
                // The last chunk covers the file's last lines too (a JSON page's closing brackets).
                port.take(source, opened.fileId(), pending.chunk(Math.max(pending.lastLine, in.lines.lineNumber())));
            }
        } finally {
            // A chunk still being stored commits or fails before the file is let go: a retry must read its
            // resume point after it, or it would store the chunk again.
            if (inFlight != null && !inFlight.isDone()) {
                try {
                    inFlight.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // reported by the exception already on its way
                }
            }
            storer.shutdownNow();
        }
        return port.finish(opened.fileId());
    }

    /** Waits for the chunk being stored; its failure (the database away, say) fails the file here. */
    private static void awaitStored(Future<?> inFlight) throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted("interrupted while a chunk was being stored");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** The records read since the last chunk was stored, on the lines after {@code firstLine}. */
    private static final class Pending {
        final List<CdrRecord> records = new ArrayList<>();
        final List<Integer> recordLines = new ArrayList<>();
        final List<QualityRecord> quality = new ArrayList<>();
        final List<Integer> qualityLines = new ArrayList<>();
        final List<RejectedLine> rejected = new ArrayList<>();
        /** The last line of the chunk before (the resume point this chunk continues from). */
        final int firstLine;
        int lastLine;
        int read;

        Pending(int after) {
            this.firstLine = after;
            this.lastLine = after;
        }

        int lines() {
            return lastLine - firstLine;
        }

        void add(CdrFormat.LineParser parser, Records.Text record) {
            lastLine = record.lastLine();
            if (record.isBlank()) {
                return;
            }
            int lineNo = record.firstLine();
            try {
                SourceRecord r = parser.parse(record.text());
                if (r instanceof CdrRecord c) {
                    records.add(c.checked());
                    recordLines.add(lineNo);
                    read++;
                } else if (r instanceof QualityRecord q) {
                    quality.add(q.checked());
                    qualityLines.add(lineNo);
                    read++;
                }
            } catch (RuntimeException e) {
                // Any failure of a parser on one record (a time out of range, say) sets that record aside.
                rejected.add(new RejectedLine(lineNo, record.text(), e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()));
                read++;
            }
        }

        CdrPort.Chunk chunk(int lastLine) {
            return new CdrPort.Chunk(records, recordLines, quality, qualityLines, rejected, read, lastLine);
        }
    }

    /** @param empty a file of 0 bytes: no header to check, no records */
    private record Scan(String sha256, int records, boolean empty) {
    }

    /** Reads the whole file once: text in the source's charset, a complete gzip stream, a last line that parses. */
    private Scan scan(CdrSource source, String fileName, Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (Files.size(file) == 0) {
            // What a rotation leaves when no call ended since (Asterisk's Master.csv, mod_cdr_csv on SIGHUP): a
            // file with no records, of any format, even one whose records follow a header.
            return new Scan(HexFormat.of().formatHex(sha.digest()), 0, true);
        }
        if (Files.size(file) <= 3) {
            byte[] bytes = Files.readAllBytes(file);
            if (FileRecords.onlyMark(bytes, bytes.length)) {
                // What Windows PowerShell's Export-Csv -Encoding UTF8 writes for no rows: a byte-order mark alone.
                return new Scan(HexFormat.of().formatHex(sha.digest(bytes)), 0, true);
            }
        }
        int records = 0;
        Records.Text last = null;
        boolean endedWithNewline;
        List<String> header;
        CdrFormat format;
        FileRecords in = null;
        try {
            String start = start(fileName, file);
            in = FileRecords.open(source.format(), start, wrap(fileName, new DigestInputStream(Files.newInputStream(file),
                    sha)), source.charset());
            header = in.header;
            format = in.format;
            Records.Text record;
            while ((record = in.records.next()) != null) {
                if (!record.isBlank()) {
                    records++;
                    last = record;
                }
            }
            endedWithNewline = in.lines.endedWithNewline();
            if (in.lines.nulBytes() > 0) {
                LOG.warn("CDR file {} of {}: {} NUL bytes skipped, the first on line {} (a write lost in a crash leaves"
                        + " them; the record they cut off is quarantined, the records after them are read)", fileName,
                        source.id(), in.lines.nulBytes(), in.lines.firstNulLine());
            }
        } catch (StrictLines.TooLong e) {
            throw new UnreadableFileException("line " + e.line + " is longer than " + (e.max >> 20)
                    + " MiB: no line ends (CR only?) or not text; the whole file was refused");
        } catch (StrictLines.NotText e) {
            throw new UnreadableFileException("line " + e.line + " is not " + source.charset().name()
                    + " text; the whole file was refused");
        } catch (CharacterCodingException e) {
            // Only a file a UTF-16 byte-order mark names is decoded ahead of its lines (FileRecords).
            throw new UnreadableFileException("line " + (in == null ? 1 : in.lines.lineNumber() + 1)
                    + " is not UTF-16 text (the file starts with a UTF-16 byte-order mark); the whole file was refused");
        } catch (EOFException | ZipException e) {
            throw new UnreadableFileException("gzip stream broken" + (in == null ? "" : " after line "
                    + in.lines.lineNumber()) + " (" + e.getMessage() + "): truncated or not gzip");
        } finally {
            if (in != null) {
                in.close();
            }
        }
        if (header.size() < format.headerLines()) {
            throw new UnreadableFileException("only " + header.size() + " of the format's "
                    + format.headerLines() + " header lines");
        }
        CdrFormat.LineParser parser = format.open(fileName, header);
        if (!endedWithNewline && last != null && !format.jsonPage()) {
            try {
                parser.parse(last.text());
            } catch (RuntimeException e) {
                throw new UnreadableFileException("truncated: the last line (" + last.firstLine()
                        + ") ends without a newline and does not parse: " + e.getMessage());
            }
        }
        return new Scan(HexFormat.of().formatHex(sha.digest()), records, false);
    }

    /** The first bytes of the file, for a format written in more than one form to choose by. */
    private static String start(String fileName, Path file) throws IOException {
        try (InputStream in = wrap(fileName, Files.newInputStream(file))) {
            byte[] bytes = in.readNBytes(FileRecords.START);
            return FileRecords.start(bytes, bytes.length);
        } catch (EOFException | ZipException e) {
            return ""; // the full pass names the broken stream
        }
    }

    private static FileRecords open(String fileName, Path file, CdrSource source, String start) throws IOException {
        return FileRecords.open(source.format(), start, wrap(fileName, Files.newInputStream(file)), source.charset());
    }

    private static InputStream wrap(String fileName, InputStream raw) throws IOException {
        return fileName.endsWith(".gz") ? new GZIPInputStream(raw, 65_536) : raw;
    }
}
