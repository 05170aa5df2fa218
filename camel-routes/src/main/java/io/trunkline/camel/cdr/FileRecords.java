package io.trunkline.camel.cdr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One file opened as its format reads it: the format chosen for its content ({@link CdrFormat#forContent}), its
 * header lines, then its records, CSV records or the rows of a JSON page.
 */
final class FileRecords implements AutoCloseable {

    /** A JSON page may come on one line: Graph sends at most 1,000 rows a page, well under this. */
    static final int JSON_MAX_LINE = 16 << 20;
    /** How much of a file's start is enough to tell its form. */
    static final int START = 64;

    final CdrFormat format;
    final List<String> header;
    final StrictLines lines;
    final Records records;

    private FileRecords(CdrFormat format, List<String> header, StrictLines lines, Records records) {
        this.format = format;
        this.header = header;
        this.lines = lines;
        this.records = records;
    }

    /**
     * @param start the file's first bytes ({@link #start(byte[], int)}), for the format to tell its form by
     * @param in    the whole file from its first byte
     */
    static FileRecords open(CdrFormat base, String start, InputStream in, Charset charset) throws IOException {
        CdrFormat format = base.forContent(start);
        StrictLines lines = new StrictLines(in, charset, format.jsonPage() ? JSON_MAX_LINE : StrictLines.MAX_LINE);
        List<String> header = new ArrayList<>(format.headerLines());
        try {
            for (int i = 0; i < format.headerLines(); i++) {
                String line = lines.next();
                if (line == null) {
                    break;
                }
                header.add(line);
            }
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e;
        }
        Records records = format.jsonPage() ? new JsonPageRecords(lines) : new CsvRecords(lines);
        return new FileRecords(format, List.copyOf(header), lines, records);
    }

    /** The text a file starts with, a byte-order mark and leading white space dropped (ASCII is all it needs). */
    static String start(byte[] bytes, int length) {
        int from = length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                ? 3 : 0;
        return new String(Arrays.copyOfRange(bytes, from, Math.max(from, length)), StandardCharsets.ISO_8859_1).strip();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
