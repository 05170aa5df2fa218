package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.camel.billing.UnreadableFileException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * Takes one CDR file into the {@link CdrPort}, never holding it whole. A first pass checks that the file can
 * be read at all (its charset, its gzip stream, a last line cut off mid-record) and fingerprints it; only a
 * readable file is then parsed, in chunks of {@value #DEFAULT_CHUNK} lines, each stored with the line it
 * reached so that an interrupted file resumes there. Files ending in {@code .gz} are read through gzip.
 */
public final class CdrFileReader {

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
        CdrPort.Opened opened = port.open(source, fileName, scan.sha256, scan.recordLines);
        if (opened.duplicate()) {
            return port.finish(opened.fileId());
        }
        // One chunk is stored while the next is parsed: the database and the parser each keep a core busy.
        // Chunks are stored one at a time and in order, so the stored resume point only ever moves forward.
        ExecutorService storer = Executors.newSingleThreadExecutor(r -> new Thread(r, "cdr-store-" + source.id()));
        Future<?> inFlight = null;
        try (StrictLines in = lines(fileName, Files.newInputStream(file), source)) {
            CdrFormat.LineParser parser = source.format().open(fileName, header(in, source.format().headerLines()));
            Pending pending = new Pending();
            String line;
            while ((line = in.next()) != null) {
                int lineNo = in.lineNumber();
                if (lineNo <= opened.linesDone()) {
                    continue;
                }
                pending.add(parser, line, lineNo);
                if (pending.lines == chunkLines) {
                    awaitStored(inFlight);
                    if (inFlight != null && stopping.getAsBoolean()) {
                        throw new Interrupted(fileName + ": stopped after line " + (lineNo - chunkLines)
                                + "; resumes there");
                    }
                    CdrPort.Chunk chunk = pending.chunk(lineNo);
                    inFlight = storer.submit(() -> port.take(source, opened.fileId(), chunk));
                    pending = new Pending();
                }
            }
            awaitStored(inFlight);
            if (pending.lines > 0) {
                port.take(source, opened.fileId(), pending.chunk(in.lineNumber()));
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

    /** The lines read since the last chunk was stored. */
    private static final class Pending {
        final List<CdrRecord> records = new ArrayList<>();
        final List<Integer> recordLines = new ArrayList<>();
        final List<QualityRecord> quality = new ArrayList<>();
        final List<Integer> qualityLines = new ArrayList<>();
        final List<RejectedLine> rejected = new ArrayList<>();
        int read;
        int lines;

        void add(CdrFormat.LineParser parser, String line, int lineNo) {
            lines++;
            if (line.isBlank()) {
                return;
            }
            try {
                SourceRecord r = parser.parse(line);
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
                // Any failure of a parser on one line (a time out of range, say) sets that line aside.
                rejected.add(new RejectedLine(lineNo, line, e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()));
                read++;
            }
        }

        CdrPort.Chunk chunk(int lastLine) {
            return new CdrPort.Chunk(records, recordLines, quality, qualityLines, rejected, read, lastLine);
        }
    }

    private record Scan(String sha256, int recordLines) {
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
            throw new UnreadableFileException("empty file (0 bytes)");
        }
        int recordLines = 0;
        String last = null;
        List<String> header;
        StrictLines in = null;
        try {
            in = lines(fileName, new DigestInputStream(Files.newInputStream(file), sha), source);
            header = header(in, source.format().headerLines());
            String line;
            while ((line = in.next()) != null) {
                if (!line.isBlank()) {
                    recordLines++;
                }
                last = line;
            }
        } catch (StrictLines.TooLong e) {
            throw new UnreadableFileException("line " + e.line + " is longer than 1 MiB: no line ends (CR only?) or "
                    + "not text; the whole file was refused");
        } catch (StrictLines.NotText e) {
            throw new UnreadableFileException("line " + e.line + " is not " + source.charset().name()
                    + " text; the whole file was refused");
        } catch (EOFException | ZipException e) {
            throw new UnreadableFileException("gzip stream broken" + (in == null ? "" : " after line " + in.lineNumber())
                    + " (" + e.getMessage() + "): truncated or not gzip");
        } finally {
            if (in != null) {
                in.close();
            }
        }
        if (header.size() < source.format().headerLines()) {
            throw new UnreadableFileException("only " + header.size() + " of the format's "
                    + source.format().headerLines() + " header lines");
        }
        CdrFormat.LineParser parser = source.format().open(fileName, header);
        if (!in.endedWithNewline() && last != null && !last.isBlank()) {
            try {
                parser.parse(last);
            } catch (RuntimeException e) {
                throw new UnreadableFileException("truncated: the last line (" + in.lineNumber()
                        + ") ends without a newline and does not parse: " + e.getMessage());
            }
        }
        return new Scan(HexFormat.of().formatHex(sha.digest()), recordLines);
    }

    private static List<String> header(StrictLines in, int lines) throws IOException {
        List<String> header = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            String line = in.next();
            if (line == null) {
                break;
            }
            header.add(i == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line);
        }
        return header;
    }

    private static StrictLines lines(String fileName, InputStream raw, CdrSource source) throws IOException {
        InputStream in = fileName.endsWith(".gz") ? new GZIPInputStream(raw, 65_536) : raw;
        return new StrictLines(in, source.charset());
    }
}
