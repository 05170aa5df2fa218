package io.trunkline.ejb.ruleset.api;

import java.io.Serializable;
import java.util.List;

/**
 * One thing the linter found in a rule version, located as the analyst finds it: the file, sheet, spreadsheet row
 * (1-based, as the spreadsheet program numbers it) and column letter where one cell is at fault. A finding about
 * master data alone (a site whose emergency calls reach no carrier) has no file.
 *
 * @param code      what kind of finding, stable for programs ({@code SHADOWED_ROW}, {@code UNKNOWN_CARRIER}...)
 * @param otherRows the other rows the finding involves (the earlier row that shadows this one), in the same sheet
 * @param message   plain words, naming the other row where two rows are involved
 */
public record LintFinding(Severity severity, String code, String rulebook, String file, String sheet, Integer row,
                          String column, List<Integer> otherRows, String message) implements Serializable {

    /** An ERROR is a row or site that cannot work as written; a WARNING is worth a look before activating. */
    public enum Severity { ERROR, WARNING }

    public LintFinding {
        otherRows = otherRows == null ? List.of() : List.copyOf(otherRows);
    }
}
