package io.trunkline.ejb.ruleset.api;

import java.io.Serializable;

/**
 * A cell of a rule version's decision table that names something, located as the analyst finds it: the
 * rulebook and version, the file, sheet, spreadsheet row (1-based), column letter and title.
 */
public record RuleRow(String rulebook, int version, String resource, String sheet, int row, String column,
                      String header) implements Serializable {

    /** {@code routing@3 row 15 (RoutingPolicy.drl.xlsx, sheet RoutingPolicy, column F Carriers)}. */
    public String describe() {
        return rulebook + "@" + version + " row " + row + " (" + resource + ", sheet " + sheet + ", column " + column
                + " " + header + ")";
    }
}
