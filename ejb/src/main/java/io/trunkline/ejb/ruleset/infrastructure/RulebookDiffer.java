package io.trunkline.ejb.ruleset.infrastructure;

import io.trunkline.ejb.ruleset.api.VersionDiff;
import io.trunkline.ejb.ruleset.domain.SheetGrid;
import io.trunkline.ejb.ruleset.domain.VersionDiffs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares two versions of a rulebook file by file: a spreadsheet sheet by sheet, cell by cell as the analyst sees
 * the cells ({@link TableCells#sheets}); any other file (DRL, CSV) line by line ({@link VersionDiffs}).
 */
public final class RulebookDiffer {

    public VersionDiff diff(String rulebook, int from, int to, Map<String, byte[]> before, Map<String, byte[]> after) {
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        List<VersionDiff.FileDiff> files = new ArrayList<>();
        for (String name : names) {
            byte[] a = before.get(name);
            byte[] b = after.get(name);
            if (a != null && b != null && Arrays.equals(a, b)) {
                continue;
            }
            VersionDiff.Change change = a == null ? VersionDiff.Change.ADDED : b == null ? VersionDiff.Change.REMOVED
                    : VersionDiff.Change.CHANGED;
            if (spreadsheet(name)) {
                List<VersionDiff.SheetDiff> sheets = VersionDiffs.sheets(grids(a), grids(b));
                if (!sheets.isEmpty() || change != VersionDiff.Change.CHANGED) {
                    files.add(new VersionDiff.FileDiff(name, change, sheets, List.of()));
                }
            } else {
                List<VersionDiff.LineDiff> lines = VersionDiffs.lines(lines(a), lines(b));
                if (!lines.isEmpty() || change != VersionDiff.Change.CHANGED) {
                    files.add(new VersionDiff.FileDiff(name, change, List.of(), lines));
                }
            }
        }
        return new VersionDiff(rulebook, from, to, files);
    }

    private static boolean spreadsheet(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xlsx") || lower.endsWith(".xls");
    }

    private static List<String> lines(byte[] text) {
        return text == null ? List.of() : new String(text, StandardCharsets.UTF_8).lines().toList();
    }

    /** The workbook's sheets, each data row of a RuleTable with its table's column titles. */
    static List<SheetGrid> grids(byte[] workbook) {
        if (workbook == null) {
            return List.of();
        }
        List<SheetGrid> out = new ArrayList<>();
        for (TableCells.Sheet sheet : TableCells.sheets(workbook)) {
            Map<Integer, Map<String, String>> titles = new HashMap<>();
            for (TableCells.Table table : sheet.tables()) {
                Map<String, String> byLetter = new HashMap<>();
                table.columns().stream().filter(c -> !c.title().isEmpty()).forEach(c -> byLetter.put(c.letter(), c.title()));
                table.rows().forEach(r -> titles.put(r.number(), byLetter));
            }
            List<SheetGrid.Row> rows = new ArrayList<>();
            for (TableCells.DataRow r : sheet.rows()) {
                java.util.SortedMap<String, String> cells = new java.util.TreeMap<>(SheetGrid.COLUMNS);
                r.cells().forEach((index, value) ->
                        cells.put(org.apache.poi.ss.util.CellReference.convertNumToColString(index), value));
                rows.add(new SheetGrid.Row(r.number(), cells, titles.getOrDefault(r.number(), Map.of())));
            }
            out.add(new SheetGrid(sheet.name(), rows));
        }
        return out;
    }
}
