package io.trunkline.ejb.ruleset.api;

import java.io.Serializable;

/**
 * Why a rule resource was refused, located for the analyst: the file, and for decision tables the
 * sheet and spreadsheet row (1-based, as the spreadsheet program shows them) when they can be told.
 */
public record RuleProblem(String resource, String sheet, Integer row, String message) implements Serializable {

    public String describe() {
        StringBuilder s = new StringBuilder(resource);
        if (sheet != null) {
            s.append(", sheet ").append(sheet);
        }
        if (row != null) {
            s.append(", row ").append(row);
        }
        return s.append(": ").append(message).toString();
    }
}
