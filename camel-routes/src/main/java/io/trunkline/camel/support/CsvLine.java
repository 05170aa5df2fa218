package io.trunkline.camel.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line as RFC 4180 writes it: comma-separated, fields optionally in double quotes, a
 * doubled quote inside quotes standing for one. Records spanning lines are not accepted: provider
 * feeds put one record per line, and a stray quote is better reported than swallowing the next line.
 */
public final class CsvLine {

    private CsvLine() {
    }

    /** @throws IllegalArgumentException with the 1-based column of the unbalanced quote */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int quoteStart = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                quoteStart = i;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("quote opened at character " + (quoteStart + 1) + " is never closed");
        }
        fields.add(field.toString());
        return fields;
    }
}
