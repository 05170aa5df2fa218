package io.trunkline.ejb.ruleset.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One RuleTable of an analysts' decision table as the analyst sees it and as its rows fire: the file and sheet it
 * sits in, its columns (kind, code and title), and its data rows with their cells and how the rule each row compiles
 * to fires (salience, activation group, the "not decided yet" tests its conditions make, whether it modifies its
 * fact). Read from the workbook and from the DRL Drools compiles it to.
 */
public record DecisionTable(String file, String sheet, String name, List<Column> columns, List<Row> rows) {

    public DecisionTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * A column.
     *
     * @param kind  its kind cell: {@code CONDITION}, {@code ACTION}, or another Drools keyword ({@code PRIORITY}...)
     * @param code  its code cell, e.g. {@code pbxIn("$param")}
     * @param title the analysts' title, e.g. {@code PBX}
     */
    public record Column(String letter, String kind, String code, String title) {

        public boolean condition() {
            return "CONDITION".equalsIgnoreCase(kind);
        }

        /** Its title, or its letter where the title cell is blank. */
        public String named() {
            return title == null || title.isBlank() ? "column " + letter : title;
        }
    }

    /**
     * A data row.
     *
     * @param number its row number as the spreadsheet program shows it
     * @param cells  its non-blank cells' text by column letter
     * @param firing how its rule fires; null when the table did not compile to a rule for the row
     */
    public record Row(int number, Map<String, String> cells, Firing firing) {

        public Row {
            cells = Map.copyOf(cells);
        }

        public String cell(Column column) {
            return cells.getOrDefault(column.letter(), "");
        }
    }

    /**
     * How a row's rule fires.
     *
     * @param salience        its salience (Drools: higher fires first; 0 when the table sets none)
     * @param activationGroup its activation group, null for none (of a group, the first rule to fire cancels the others)
     * @param guards          the fields its conditions require to be null ({@code decidedBy == null}): once a row that
     *                        sets one has fired, the rows testing it no longer match
     * @param modifies        its consequence modifies its fact ({@code modify($q) {...}}), so the guards are tested again
     * @param enabled         false when the row is switched off ({@code enabled false})
     */
    public record Firing(int salience, String activationGroup, Set<String> guards, boolean modifies, boolean enabled) {

        public Firing {
            guards = Set.copyOf(guards);
        }
    }

    /** The column whose code cell contains {@code code}. */
    public Optional<Column> column(String code) {
        return columns.stream().filter(c -> c.code() != null && c.code().contains(code)).findFirst();
    }
}
