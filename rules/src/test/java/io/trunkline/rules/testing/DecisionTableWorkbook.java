package io.trunkline.rules.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds Drools XLSX decision tables for tests and for the shipped tables: a RuleSet header, then one
 * RuleTable with its CONDITION/ACTION row, the pattern row (merged over the columns of one pattern, as
 * Drools requires every merged cell to exist), the code row, the analysts' column titles, and data rows.
 */
public final class DecisionTableWorkbook {

    private final String sheetName;
    private final List<List<String>> header = new ArrayList<>();
    private String tableName;
    private List<String> kinds;
    private List<String> patterns;
    private int[] patternSpan;
    private List<String> code;
    private List<String> titles;
    private final List<List<String>> rows = new ArrayList<>();

    public DecisionTableWorkbook(String sheetName) {
        this.sheetName = sheetName;
    }

    public DecisionTableWorkbook headerLine(String... cells) {
        header.add(List.of(cells));
        return this;
    }

    public DecisionTableWorkbook table(String name, String... kinds) {
        this.tableName = name;
        this.kinds = List.of(kinds);
        return this;
    }

    /** The pattern cell of column {@code from}, merged through column {@code to} (0-based, inclusive). */
    public DecisionTableWorkbook pattern(String pattern, int from, int to) {
        if (patterns == null) {
            patterns = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                patterns.add("");
            }
        }
        patterns.set(from, pattern);
        patternSpan = new int[]{from, to};
        return this;
    }

    public DecisionTableWorkbook code(String... snippets) {
        this.code = List.of(snippets);
        return this;
    }

    public DecisionTableWorkbook titles(String... titles) {
        this.titles = List.of(titles);
        return this;
    }

    /** A data row: one cell per column, as many as the titles (a short row would shift its cells into the wrong columns). */
    public DecisionTableWorkbook row(String... cells) {
        if (titles != null && cells.length != titles.size()) {
            throw new IllegalArgumentException(sheetName + ": a row of " + cells.length + " cells in a table of "
                    + titles.size() + " columns " + titles);
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Deletes data row {@code index} (0-based), as an analyst deleting a line. */
    public DecisionTableWorkbook removeRow(int index) {
        rows.remove(index);
        return this;
    }

    /** Replaces cell {@code column} (0-based) of data row {@code index} (0-based), as an analyst editing one cell. */
    public DecisionTableWorkbook cell(int index, int column, String value) {
        List<String> row = new ArrayList<>(rows.get(index));
        row.set(column, value);
        rows.set(index, List.copyOf(row));
        return this;
    }

    /** The cells of data row {@code index} (0-based), to copy a table's rows into another. */
    public List<String> rowCells(int index) {
        return List.copyOf(rows.get(index));
    }

    public int rowCount() {
        return rows.size();
    }

    /** Spreadsheet row number (1-based, as Excel shows it) of data row {@code index} (0-based). */
    public int sheetRowOf(int index) {
        return header.size() + 2 + 5 + index;
    }

    public byte[] toXlsx() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(sheetName);
            int r = 0;
            for (List<String> line : header) {
                write(sheet.createRow(r++), line, 1);
            }
            r++;
            write(sheet.createRow(r++), List.of("RuleTable " + tableName), 1);
            write(sheet.createRow(r++), kinds, 1);
            Row patternRow = sheet.createRow(r);
            write(patternRow, patterns, 1);
            if (patternSpan != null && patternSpan[1] > patternSpan[0]) {
                sheet.addMergedRegion(new CellRangeAddress(r, r, patternSpan[0] + 1, patternSpan[1] + 1));
            }
            r++;
            write(sheet.createRow(r++), code, 1);
            write(sheet.createRow(r++), titles, 1);
            for (List<String> data : rows) {
                write(sheet.createRow(r++), data, 1);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Row row, List<String> cells, int firstColumn) {
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = row.createCell(firstColumn + i);
            String v = cells.get(i);
            if (v != null && !v.isEmpty()) {
                cell.setCellValue(v);
            }
        }
    }
}
