package io.trunkline.camel.cdr;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
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
        PushbackInputStream text = new PushbackInputStream(in, 3);
        Charset marked = byMark(text);
        InputStream decoded = text;
        if (utf16(marked)) {
            decoded = new Utf16AsUtf8(text, marked);
            marked = StandardCharsets.UTF_8;
        }
        StrictLines lines = new StrictLines(decoded, marked == null ? charset : marked,
                format.jsonPage() ? JSON_MAX_LINE : StrictLines.MAX_LINE);
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
        Charset marked = mark(bytes, length);
        if (utf16(marked)) {
            return new String(bytes, 2, (length - 2) & ~1, marked).strip();
        }
        int from = marked == StandardCharsets.UTF_8 ? 3 : 0;
        return new String(Arrays.copyOfRange(bytes, from, Math.max(from, length)), StandardCharsets.ISO_8859_1).strip();
    }

    /**
     * The charset a byte-order mark at the start names, or null when there is none. A mark is unambiguous, so it
     * wins over the source's configured charset: Windows tools write UTF-8 with a mark (Excel's "CSV UTF-8"), and
     * PowerShell 5.1 writes UTF-16LE with one ({@code Out-File}, {@code >}, {@code Export-Csv -Encoding Unicode}).
     */
    static Charset mark(byte[] bytes, int length) {
        if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean utf16(Charset charset) {
        return charset == StandardCharsets.UTF_16LE || charset == StandardCharsets.UTF_16BE;
    }

    /** The mark at the stream's start (a UTF-16 one consumed, a UTF-8 one left for the first line to drop). */
    private static Charset byMark(PushbackInputStream in) throws IOException {
        byte[] head = in.readNBytes(3);
        Charset marked = mark(head, head.length);
        int consumed = utf16(marked) ? 2 : 0;
        in.unread(head, consumed, head.length - consumed);
        return marked;
    }

    /** Whether the bytes are a byte-order mark and nothing else (what a Windows tool writes for no rows). */
    static boolean onlyMark(byte[] bytes, int length) {
        Charset marked = mark(bytes, length);
        return marked != null && length == (marked == StandardCharsets.UTF_8 ? 3 : 2);
    }

    /**
     * UTF-16 text (after its mark) as UTF-8 bytes, for the line reader: a byte that is not UTF-16 text (an unpaired
     * surrogate, an odd last byte) stops the read with {@link java.nio.charset.CharacterCodingException}.
     */
    static final class Utf16AsUtf8 extends InputStream {
        private final Reader reader;
        private final char[] chars = new char[8_192];
        private int carried;
        private byte[] bytes = new byte[0];
        private int pos;

        Utf16AsUtf8(InputStream in, Charset utf16) {
            this.reader = new InputStreamReader(in, utf16.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return bytes[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            while (pos == bytes.length) {
                int n = reader.read(chars, carried, chars.length - carried);
                if (n < 0) {
                    if (carried > 0) {
                        throw new java.nio.charset.MalformedInputException(1);
                    }
                    return false;
                }
                int total = carried + n;
                // A surrogate pair split between two reads is encoded whole with the next.
                int whole = total > 0 && Character.isHighSurrogate(chars[total - 1]) ? total - 1 : total;
                bytes = new String(chars, 0, whole).getBytes(StandardCharsets.UTF_8);
                pos = 0;
                carried = total - whole;
                if (carried > 0) {
                    chars[0] = chars[total - 1];
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
