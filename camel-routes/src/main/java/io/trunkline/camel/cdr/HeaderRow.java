package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.UnreadableFileException;
import io.trunkline.camel.support.CsvLine;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column names of a file's header row, looked up by name whatever their case: vendors add columns between
 * releases and do not keep one spelling (CUCM writes both {@code globalCallID_callId} and
 * {@code globalCallId_ClusterID}), so a format reads its columns by name and never by position.
 */
final class HeaderRow {

    private final String format;
    private final List<String> names;
    private final boolean properties;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * @param format how the format is named in a refusal ("CUCM CDR", "Teams Direct Routing")
     * @throws UnreadableFileException when the row is not a CSV line
     */
    HeaderRow(String format, String row) {
        this(format, split(format, row), false);
    }

    private HeaderRow(String format, List<String> names, boolean properties) {
        this.format = format;
        this.names = List.copyOf(names);
        this.properties = properties;
        for (int i = 0; i < this.names.size(); i++) {
            index.putIfAbsent(key(this.names.get(i)), i);
        }
    }

    /** The property names of a JSON record, read in this order; a reason names the property, not a column. */
    static HeaderRow ofProperties(String format, List<String> names) {
        return new HeaderRow(format, names, true);
    }

    private static List<String> split(String format, String row) {
        try {
            return CsvLine.split(row);
        } catch (IllegalArgumentException e) {
            throw new UnreadableFileException(format + " header row: " + e.getMessage());
        }
    }

    int size() {
        return names.size();
    }

    boolean has(String name) {
        return index.containsKey(key(name));
    }

    /**
     * @param aliases the column's name, then other names it has had (the first one the row has is taken)
     * @throws UnreadableFileException naming the column the file lacks
     */
    int require(String... aliases) {
        int at = find(aliases);
        if (at < 0) {
            throw new UnreadableFileException(format + " header row has no column '" + aliases[0] + "'");
        }
        return at;
    }

    /** The first of the names the row has, or -1. */
    int find(String... aliases) {
        for (String name : aliases) {
            Integer at = index.get(key(name));
            if (at != null) {
                return at;
            }
        }
        return -1;
    }

    /** {@code column 5 (dateTimeOrigination)}: 1-based, spelled as the file spells it, for a rejected line's reason. */
    String column(int at) {
        if (properties) {
            return "property " + names.get(at);
        }
        return "column " + (at + 1) + " (" + names.get(at) + ")";
    }

    /**
     * Splits a record line, which must have as many columns as the header row names.
     *
     * @throws IllegalArgumentException for an unbalanced quote or another number of columns
     */
    List<String> fields(String line) {
        List<String> f = CsvLine.split(line);
        if (f.size() != names.size()) {
            throw new IllegalArgumentException("expected " + names.size() + " columns as the header row names, got " + f.size());
        }
        return f;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
