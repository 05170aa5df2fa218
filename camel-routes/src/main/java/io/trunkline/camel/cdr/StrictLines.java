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
                    return decode(length);
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (length + n > maxLine) {
                throw new TooLong(lineNo + 1, maxLine);
            }
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            }
            System.arraycopy(buffer, start, line, length, n);
            length += n;
            if (pos < limit) {
                pos++; // the LF
                endedWithNewline = true;
                return decode(length > 0 && line[length - 1] == '\r' ? length - 1 : length);
            }
        }
    }

    private String decode(int length) throws NotText {
        lineNo++;
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

    boolean endedWithNewline() {
        return endedWithNewline;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
