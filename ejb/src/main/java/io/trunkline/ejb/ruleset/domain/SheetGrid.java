package io.trunkline.ejb.ruleset.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sheet as the analyst sees it, for comparing versions: its non-blank rows, each with its cells' text by column
 * letter and, for the data rows of a RuleTable, the titles of the table's columns.
 */
public record SheetGrid(String sheet, List<Row> rows) {

    /** Column letters in the spreadsheet's order: A..Z, then AA... */
    public static final Comparator<String> COLUMNS = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    public SheetGrid {
        rows = List.copyOf(rows);
    }

    /**
     * A row.
     *
     * @param number as the spreadsheet program numbers it
     * @param cells  non-blank cells by column letter
     * @param titles the column titles of the table whose data row it is, by letter; empty outside a table's data rows
     */
    public record Row(int number, SortedMap<String, String> cells, Map<String, String> titles) {

        public Row {
            TreeMap<String, String> sorted = new TreeMap<>(COLUMNS);
            sorted.putAll(cells);
            cells = java.util.Collections.unmodifiableSortedMap(sorted);
            titles = Map.copyOf(titles);
        }

        public String cell(String letter) {
            return cells.getOrDefault(letter, "");
        }
    }
}
