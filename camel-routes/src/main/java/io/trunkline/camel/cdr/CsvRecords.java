package io.trunkline.camel.cdr;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * CSV records over physical lines. RFC 4180 §2.6: a field in double quotes may hold line breaks, so a line that
 * ends inside a quoted field continues on the next (Asterisk's {@code cdr_csv} writes a caller name with a line
 * break that way). The record is joined while the continuation stays valid RFC 4180 (§2.7: inside quotes a quote
 * is doubled; a closing quote is followed by a comma or the end of the record; a field holding a quote is
 * quoted) and its quote closes within {@value #MAX_SPAN} lines. Otherwise the quote is one that was never
 * closed (a line cut off mid-field): that line stands alone, and is quarantined by its parser, and reading
 * resynchronises at the next line, so a stray quote costs only its own line.
 */
final class CsvRecords implements Records {

    /** The most physical lines one record may span; a caller name is one or two. */
    static final int MAX_SPAN = 64;

    private enum End { OPEN, CLOSED, INVALID }

    private record Line(String text, int number) {
    }

    private final StrictLines lines;
    /** Lines read ahead for a record that turned out not to continue on them. */
    private final Deque<Line> pushedBack = new ArrayDeque<>();

    CsvRecords(StrictLines lines) {
        this.lines = lines;
    }

    @Override
    public Text next() throws IOException {
        Line first = take();
        if (first == null) {
            return null;
        }
        Scan scan = new Scan();
        scan.lenient(first.text);
        if (!scan.quoted) {
            return new Text(first.text, first.number, first.number);
        }
        List<Line> ahead = new ArrayList<>();
        StringBuilder joined = new StringBuilder(first.text);
        while (ahead.size() < MAX_SPAN - 1) {
            Line next = take();
            if (next == null) {
                break;
            }
            ahead.add(next);
            End end = scan.strict(next.text);
            if (end == End.INVALID || joined.length() + next.text.length() > StrictLines.MAX_LINE) {
                break;
            }
            joined.append('\n').append(next.text);
            if (end == End.CLOSED) {
                return new Text(joined.toString(), first.number, next.number);
            }
        }
        for (int i = ahead.size() - 1; i >= 0; i--) {
            pushedBack.addFirst(ahead.get(i));
        }
        return new Text(first.text, first.number, first.number);
    }

    private Line take() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.removeFirst();
        }
        String text = lines.next();
        return text == null ? null : new Line(text, lines.lineNumber());
    }

    /** Where a record's quotes stand after each line of it. */
    private static final class Scan {
        boolean quoted;
        int fieldLength;

        /** The first line, read as {@link io.trunkline.camel.support.CsvLine} reads it (a quote opens a field only at its start). */
        void lenient(String line) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            i++;
                            fieldLength++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        fieldLength++;
                    }
                } else if (c == '"' && fieldLength == 0) {
                    quoted = true;
                } else if (c == ',') {
                    fieldLength = 0;
                } else {
                    fieldLength++;
                }
            }
        }

        /** A continuation line, held to RFC 4180 so that a record cut off is not glued onto the next one. */
        End strict(String line) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c != '"') {
                        fieldLength++;
                    } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        i++;
                        fieldLength++;
                    } else if (i + 1 == line.length()) {
                        return End.CLOSED;
                    } else if (line.charAt(i + 1) == ',') {
                        quoted = false;
                        fieldLength = 0;
                        i++;
                    } else {
                        return End.INVALID;
                    }
                } else if (c == '"') {
                    if (fieldLength > 0) {
                        return End.INVALID;
                    }
                    quoted = true;
                } else if (c == ',') {
                    fieldLength = 0;
                } else {
                    fieldLength++;
                }
            }
            return quoted ? End.OPEN : End.CLOSED;
        }
    }
}
