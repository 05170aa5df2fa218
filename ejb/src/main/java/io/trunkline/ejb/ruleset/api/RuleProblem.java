package io.trunkline.ejb.ruleset.api;

import java.io.Serializable;
import java.util.List;

/**
 * Why a rule resource was refused, located for the analyst: the file, and for decision tables the
 * sheet, spreadsheet row (1-based, as the spreadsheet program shows them) and column letter when they
 * can be told; for a cell outside its column's allowed values also the column's title and those values.
 *
 * @param allowed the values the cell may hold, null when the column is not enumerated (or they are too
 *                many to list, as countries; the message then says what is expected)
 */
public record RuleProblem(String resource, String sheet, Integer row, String column, String header,
                          List<String> allowed, String message) implements Serializable {

    public RuleProblem {
        allowed = allowed == null ? null : List.copyOf(allowed);
    }

    public RuleProblem(String resource, String sheet, Integer row, String column, String message) {
        this(resource, sheet, row, column, null, null, message);
    }

    public RuleProblem(String resource, String sheet, Integer row, String message) {
        this(resource, sheet, row, null, null, null, message);
    }

    public String describe() {
        StringBuilder s = new StringBuilder(resource);
        if (sheet != null) {
            s.append(", sheet ").append(sheet);
        }
        if (row != null) {
            s.append(", row ").append(row);
        }
        if (column != null) {
            s.append(", column ").append(column);
        }
        if (header != null) {
            s.append(" (").append(header).append(')');
        }
        return s.append(": ").append(message).toString();
    }
}
