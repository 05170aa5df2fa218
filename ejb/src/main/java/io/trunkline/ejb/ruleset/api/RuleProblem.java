package io.trunkline.ejb.ruleset.api;

import java.io.Serializable;

/**
 * Why a rule resource was refused, located for the analyst: the file, and for decision tables the
 * sheet, spreadsheet row (1-based, as the spreadsheet program shows them) and column letter when they
 * can be told.
 */
public record RuleProblem(String resource, String sheet, Integer row, String column, String message)
        implements Serializable {

    public RuleProblem(String resource, String sheet, Integer row, String message) {
        this(resource, sheet, row, null, message);
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
        return s.append(": ").append(message).toString();
    }
}
