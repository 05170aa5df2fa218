package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.UnreadableFileException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The rows of one page of an OData collection as Microsoft Graph answers it (RFC 8259 JSON:
 * {@code {"@odata.context":..., "value":[ {row}, {row} ], "@odata.nextLink":...}}): each element of the top-level
 * {@code value} array is one record, its text handed to the format's parser whole. A record's line is the
 * physical line its element starts on, so rows of a page written on one line (as Graph sends it) share line 1
 * and rows of a pretty-printed page each have their own. Only strings and brackets are followed here, never
 * recursively, so nesting costs no stack; a page nested deeper than {@value #MAX_DEPTH}, with a row over
 * {@value #MAX_ROW} characters, that is no JSON object with a {@code value} array, or that ends before it closes
 * (cut off) is refused whole.
 */
final class JsonPageRecords implements Records {

    static final int MAX_DEPTH = 64;
    static final int MAX_ROW = 1 << 20;

    private final StrictLines lines;
    private final Deque<Text> ready = new ArrayDeque<>();
    private int depth;
    private boolean started;
    private boolean closed;
    private boolean inString;
    private boolean escaped;
    /** The last string read at depth 1 (a candidate key), and whether it was followed by its colon. */
    private final StringBuilder string = new StringBuilder();
    private String key;
    private boolean sawValueArray;
    private boolean inValueArray;
    /** The element of the value array being read, its first line, and whether it is a bare value (no brackets). */
    private StringBuilder row;
    private int rowLine;
    private boolean bareRow;

    JsonPageRecords(StrictLines lines) {
        this.lines = lines;
    }

    @Override
    public Text next() throws IOException {
        while (ready.isEmpty()) {
            String line = lines.next();
            if (line == null) {
                if (!started) {
                    throw new UnreadableFileException("no JSON page: the file holds no JSON object");
                }
                if (!closed) {
                    throw new UnreadableFileException("truncated: the JSON page ends at line " + lines.lineNumber()
                            + " before it closes");
                }
                if (!sawValueArray) {
                    throw new UnreadableFileException("no 'value' array: not a page of a Microsoft Graph collection");
                }
                return null;
            }
            read(line, lines.lineNumber());
        }
        return ready.removeFirst();
    }

    private void read(String line, int number) {
        if (row != null) {
            row.append('\n');
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (closed) {
                if (!Character.isWhitespace(c)) {
                    throw new UnreadableFileException("line " + number + ": text after the JSON page's end");
                }
                continue;
            }
            if (!started) {
                if (Character.isWhitespace(c)) {
                    continue;
                }
                if (c != '{') {
                    throw new UnreadableFileException("line " + number + ": a JSON page is an object, it starts with '{'");
                }
                started = true;
            }
            if (inValueArray && depth == 2 && row == null && !inString && !Character.isWhitespace(c) && c != ','
                    && c != ']') {
                row = new StringBuilder();
                rowLine = number;
                bareRow = c != '{' && c != '[';
            }
            if (bareRow && depth == 2 && !inString && (c == ',' || c == ']')) {
                emit(number);
            }
            if (row != null) {
                row.append(c);
                if (row.length() > MAX_ROW) {
                    throw new UnreadableFileException("line " + rowLine + ": a row longer than " + MAX_ROW
                            + " characters is no call record");
                }
            }
            structure(c, number);
        }
    }

    private void structure(char c, int number) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            } else if (depth == 1) {
                string.append(c);
            }
            return;
        }
        switch (c) {
            case '"' -> {
                inString = true;
                string.setLength(0);
            }
            case ':' -> {
                if (depth == 1) {
                    key = string.toString();
                }
            }
            case '{', '[' -> {
                depth++;
                if (depth > MAX_DEPTH) {
                    throw new UnreadableFileException("line " + number + ": JSON nested deeper than " + MAX_DEPTH);
                }
                if (depth == 2 && c == '[' && "value".equals(key)) {
                    inValueArray = true;
                    sawValueArray = true;
                }
            }
            case '}', ']' -> {
                depth--;
                if (depth == 2 && row != null && !bareRow) {
                    emit(number);
                } else if (depth == 1 && inValueArray) {
                    inValueArray = false;
                } else if (depth == 0) {
                    closed = true;
                }
            }
            default -> {
                // values and separators outside strings carry no structure
            }
        }
    }

    private void emit(int lastLine) {
        ready.add(new Text(row.toString().strip(), rowLine, lastLine));
        row = null;
        bareRow = false;
    }
}
