package io.trunkline.camel.cdr;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * CSV records over physical lines. RFC 4180 §2.6: a field in double quotes may hold line breaks, so a line that
 * ends inside a quoted field continues on the next (Asterisk's {@code cdr_csv} writes a caller name with a line
 * break that way). A record is continued only when its first line is valid RFC 4180 up to the quote it leaves
 * open (§2.7: inside quotes a quote is doubled; a closing quote is followed by a comma or the end of the record; a
 * field holding a quote is quoted), and is joined while the continuation stays valid RFC 4180 and its quote
 * closes within {@value #MAX_SPAN} lines. A first line that breaks those rules was written by a program that
 * does not quote as RFC 4180 does (FreeSWITCH's {@code mod_cdr_csv} puts a caller name's own quotes between its
 * template's quotes as they are, {@code "Bob "The Builder" Smith"}), so where its quotes end cannot be told from
 * RFC 4180, and it is never joined to the lines after it. Otherwise the quote is one that was never closed (a
 * line cut off mid-field). Either way that line stands alone, its parser reads or quarantines it, and reading
 * resynchronises at the next line: a stray quote costs at most its own line, never the records after it. A line
 * a crash's NUL padding ended ({@link StrictLines#endedAtPadding()}) is never joined either: what follows the
 * padding was written after the crash, as a record of its own.
 */
final class CsvRecords implements Records {

    /** The most physical lines one record may span; a caller name is one or two. */
    static final int MAX_SPAN = 64;

    private enum End { OPEN, CLOSED, INVALID }

    /** @param padded ended by a crash's NUL padding, not by a line break */
    private record Line(String text, int number, boolean padded) {
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
        if (first.padded || scan.strict(first.text) != End.OPEN) {
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
            if (end == End.INVALID || next.padded || joined.length() + next.text.length() > StrictLines.MAX_LINE) {
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
        return text == null ? null : new Line(text, lines.lineNumber(), lines.endedAtPadding());
    }

    /** Where a record's quotes stand after each line of it. */
    private static final class Scan {
        boolean quoted;
        int fieldLength;

        /**
         * A line of a record (its first, or a continuation), held to RFC 4180 so that a record cut off, or a line
         * quoted another way, is not glued onto the next one.
         */
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
