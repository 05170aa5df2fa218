package io.trunkline.camel.cdr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * The lines of a byte stream decoded one at a time, refusing bytes that are not text in the charset and
 * naming the line they are on ({@code java.io.BufferedReader} decodes ahead and cannot say where). A line ends
 * at LF, a CR before it dropped; {@link #endedWithNewline()} tells whether the last line had its LF. Lines are
 * numbered as an editor numbers them (1-based, every line counted, a byte-order mark dropped from the first).
 *
 * <p>A run of {@value #MIN_PADDING} or more NUL bytes is no text: it is what a file system leaves where a write
 * was lost in a crash (the file's length was updated, its data never written; a lost write is at least a record
 * long), and the writer, restarted, appends after it. Such a run ends the text before it, as a line break would,
 * and is skipped ({@link #nulBytes()} counts it; {@link #endedAtPadding()} tells that the last line ended at one):
 * the record the crash cut off stands alone (and does not parse), and the record written after the run is read as
 * itself instead of being glued onto the padding. Text on both sides of a run keeps the physical line number an
 * editor shows for it. A shorter run is part of its line's text, which the store refuses (a NUL in a field).
 */
final class StrictLines implements AutoCloseable {

    /** Bytes that are not text in the charset, on a known line. */
    static final class NotText extends IOException {
        private static final long serialVersionUID = 1L;
        final int line;

        NotText(int line, CharacterCodingException cause) {
            super("line " + line + " is not text in the file's charset", cause);
            this.line = line;
        }
    }

    /** The shortest run of NUL bytes taken as a crash's padding rather than as bytes of a line. */
    static final int MIN_PADDING = 16;

    /** A line longer than this is no call record: the file is refused rather than read into memory whole. */
    static final int MAX_LINE = 1 << 20;

    /** A line longer than the limit (no line ends, or not text at all). */
    static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int max;

        TooLong(int line, int max) {
            super("line " + line + " is longer than " + max + " bytes");
            this.line = line;
            this.max = max;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final int maxLine;
    private final byte[] buffer = new byte[65_536];
    private int pos;
    private int limit;
    private byte[] line = new byte[1_024];
    private int lineNo;
    private boolean endedWithNewline = true;
    /** The last line was ended by a run of NULs, not a line break: the next text continues its physical line. */
    private boolean endedAtPadding;
    private long nulBytes;
    private int firstNulLine;

    StrictLines(InputStream in, Charset charset) {
        this(in, charset, MAX_LINE);
    }

    /** @param maxLine the longest line taken, in bytes (a JSON page may be written on one line) */
    StrictLines(InputStream in, Charset charset, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** @return the next line, or null at the end */
    String next() throws IOException {
        int length = 0;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (length == 0) {
                        return null;
                    }
                    endedWithNewline = false;
                    return decode(length, false);
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n' && buffer[pos] != 0) {
                pos++;
            }
            length = append(length, start, pos - start);
            if (pos < limit && buffer[pos] == 0) {
                int run = nulRun();
                if (run < MIN_PADDING) {
                    // A few NULs inside a line are its bytes (its record is refused by the store, not re-framed).
                    length = append(length, pos, run);
                    pos += run;
                    continue;
                }
                skipNuls();
                if (length > 0) {
                    endedWithNewline = true;
                    return decode(line[length - 1] == '\r' ? length - 1 : length, true);
                }
                continue;
            }
            if (pos < limit) {
                pos++; // the LF
                endedWithNewline = true;
                return decode(length > 0 && line[length - 1] == '\r' ? length - 1 : length, false);
            }
        }
    }

    /** Appends {@code n} bytes of the buffer from {@code from} to the line of {@code length} bytes; its new length. */
    private int append(int length, int from, int n) throws TooLong {
        if (length + n > maxLine) {
            throw new TooLong(lineNo + 1, maxLine);
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buffer, from, line, length, n);
        return length + n;
    }

    /**
     * The length of the run of NULs at {@code pos}, counted up to {@value #MIN_PADDING} (a run the file ends in counts
     * as that many): read ahead when the buffer ends inside it, the bytes before {@code pos} being copied already.
     */
    private int nulRun() throws IOException {
        while (true) {
            int i = pos;
            while (i < limit && i - pos < MIN_PADDING && buffer[i] == 0) {
                i++;
            }
            if (i - pos >= MIN_PADDING || i < limit) {
                return i - pos;
            }
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n <= 0) {
                return MIN_PADDING;
            }
            limit += n;
        }
    }

    /** Skips the run of NULs at {@code pos}, which may go on past the buffer. */
    private void skipNuls() throws IOException {
        if (nulBytes == 0) {
            firstNulLine = endedAtPadding ? lineNo : lineNo + 1;
        }
        while (true) {
            while (pos < limit && buffer[pos] == 0) {
                pos++;
                nulBytes++;
            }
            if (pos < limit) {
                return;
            }
            limit = in.read(buffer);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return;
            }
        }
    }

    /** @param endsAtNuls the text was ended by a run of NULs: what comes after it is on the same physical line */
    private String decode(int length, boolean endsAtNuls) throws NotText {
        if (!endedAtPadding) {
            lineNo++;
        }
        endedAtPadding = endsAtNuls;
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(line, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new NotText(lineNo, e);
        }
        // A byte-order mark (Windows tools write one before UTF-8 text) is no part of the first line's text.
        return lineNo == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    int lineNumber() {
        return lineNo;
    }

    /** Whether the last line returned was ended by a run of NULs (crash padding), not by a line break or the end. */
    boolean endedAtPadding() {
        return endedAtPadding;
    }

    /** NUL bytes skipped so far (crash padding), and the physical line the first of them was on. */
    long nulBytes() {
        return nulBytes;
    }

    int firstNulLine() {
        return firstNulLine;
    }

    boolean endedWithNewline() {
        return endedWithNewline;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
