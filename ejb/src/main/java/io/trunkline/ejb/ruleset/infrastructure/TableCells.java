package io.trunkline.ejb.ruleset.infrastructure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.xmlbeans.ThreadLocalUtil;

/**
 * The RuleTables of a Drools XLSX decision table as the analyst sees them in the spreadsheet program: sheet,
 * column letters and titles, 1-based row numbers, and each cell's text as Drools reads it (trimmed, the
 * value of a merged region in each of its cells, formulas evaluated). Drools' layout: the {@code RuleTable}
 * cell, then the CONDITION/ACTION row, the pattern row, the code row, the title row, and data rows up to the
 * first blank one. {@link #sheets} gives every non-blank row of every sheet the same way, for comparing versions.
 */
final class TableCells {

    private static final int CODE_ROW = 3;
    private static final int TITLE_ROW = 4;
    private static final int FIRST_DATA_ROW = 5;

    /**
     * A column of a table: its index (0-based), its letter, its kind cell ({@code CONDITION}, {@code ACTION},
     * {@code PRIORITY}...), the text of its code cell and its title.
     */
    record Column(int index, String letter, String kind, String code, String title) {
    }

    /** A data row: its number as the spreadsheet program shows it, and its cells' text by column index. */
    record DataRow(int number, Map<Integer, String> cells) {
        String value(Column column) {
            return cells.getOrDefault(column.index(), "");
        }
    }

    /**
     * One RuleTable: the sheet it sits in, its name (what follows {@code RuleTable}), the reference of its
     * {@code RuleTable} cell ({@code B5}), its columns and its data rows.
     */
    record Table(String sheet, String name, String at, List<Column> columns, List<DataRow> rows) {
    }

    /** A whole sheet: its non-blank rows (cells by column index) and the RuleTables in it. */
    record Sheet(String name, List<DataRow> rows, List<Table> tables) {
    }

    private TableCells() {
    }

    /** Every RuleTable of the workbook; none when the bytes are not a workbook (the compiler says why). */
    static List<Table> read(byte[] workbook) {
        return sheets(workbook, false).stream().flatMap(s -> s.tables().stream()).toList();
    }

    /**
     * Every sheet of the workbook in order, with its non-blank rows and its RuleTables; none when the bytes are not
     * a workbook.
     */
    static List<Sheet> sheets(byte[] workbook) {
        return sheets(workbook, true);
    }

    private static List<Sheet> sheets(byte[] workbook, boolean withRows) {
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(workbook))) {
            Reader reader = new Reader(wb);
            List<Sheet> sheets = new ArrayList<>();
            for (org.apache.poi.ss.usermodel.Sheet sheet : wb) {
                List<Table> tables = reader.tables(sheet);
                sheets.add(new Sheet(sheet.getSheetName(), withRows ? reader.rows() : List.of(), tables));
            }
            return sheets;
        } catch (IOException | RuntimeException e) {
            return List.of();
        } finally {
            ThreadLocalUtil.clearAllThreadLocals(); // see RulebookCompiler#compile
        }
    }

    private static final class Reader {
        private final DataFormatter format = new DataFormatter();
        private final FormulaEvaluator formulas;
        private org.apache.poi.ss.usermodel.Sheet sheet;
        private List<CellRangeAddress> merged;

        Reader(Workbook wb) {
            formulas = wb.getCreationHelper().createFormulaEvaluator();
        }

        List<Table> tables(org.apache.poi.ss.usermodel.Sheet s) {
            this.sheet = s;
            this.merged = s.getMergedRegions();
            List<Table> out = new ArrayList<>();
            for (int r = s.getFirstRowNum(); r >= 0 && r <= s.getLastRowNum(); r++) {
                Row row = s.getRow(r);
                if (row == null) {
                    continue;
                }
                for (Cell c : row) {
                    if (text(r, c.getColumnIndex()).startsWith("RuleTable")) {
                        out.add(table(r, c.getColumnIndex()));
                        break;
                    }
                }
            }
            return out;
        }

        /**
         * The non-blank rows of the sheet {@link #tables} last read, each cell as the spreadsheet program shows it: a
         * merged region's value in its first cell only.
         */
        List<DataRow> rows() {
            List<DataRow> out = new ArrayList<>();
            for (Row row : sheet) {
                Map<Integer, String> cells = new TreeMap<>();
                for (Cell c : row) {
                    String v = hiddenByMerge(row.getRowNum(), c.getColumnIndex()) ? "" : text(row.getRowNum(), c.getColumnIndex());
                    if (!v.isEmpty()) {
                        cells.put(c.getColumnIndex(), v);
                    }
                }
                if (!cells.isEmpty()) {
                    out.add(new DataRow(row.getRowNum() + 1, cells));
                }
            }
            return out;
        }

        private boolean hiddenByMerge(int r, int c) {
            for (CellRangeAddress region : merged) {
                if (region.isInRange(r, c)) {
                    return r != region.getFirstRow() || c != region.getFirstColumn();
                }
            }
            return false;
        }

        private Table table(int top, int first) {
            int last = first;
            Row kinds = sheet.getRow(top + 1);
            if (kinds != null) {
                for (Cell c : kinds) {
                    if (c.getColumnIndex() >= first && !text(top + 1, c.getColumnIndex()).isEmpty()) {
                        last = Math.max(last, c.getColumnIndex());
                    }
                }
            }
            List<Column> columns = new ArrayList<>();
            for (int c = first; c <= last; c++) {
                columns.add(new Column(c, CellReference.convertNumToColString(c), text(top + 1, c),
                        text(top + CODE_ROW, c), text(top + TITLE_ROW, c)));
            }
            List<DataRow> rows = new ArrayList<>();
            for (int r = top + FIRST_DATA_ROW; r <= sheet.getLastRowNum(); r++) {
                Map<Integer, String> cells = new TreeMap<>();
                for (int c = first; c <= last; c++) {
                    String v = text(r, c);
                    if (!v.isEmpty()) {
                        cells.put(c, v);
                    }
                }
                if (cells.isEmpty() || text(r, first).startsWith("RuleTable")) {
                    break;
                }
                rows.add(new DataRow(r + 1, cells));
            }
            String name = text(top, first).substring("RuleTable".length()).trim();
            return new Table(sheet.getSheetName(), name, CellReference.convertNumToColString(first) + (top + 1), columns,
                    rows);
        }

        /** The trimmed text of a cell, that of its merged region's first cell when it lies in one. */
        private String text(int r, int c) {
            for (CellRangeAddress region : merged) {
                if (region.isInRange(r, c)) {
                    r = region.getFirstRow();
                    c = region.getFirstColumn();
                    break;
                }
            }
            Row row = sheet.getRow(r);
            Cell cell = row == null ? null : row.getCell(c);
            if (cell == null) {
                return "";
            }
            try {
                return format.formatCellValue(cell, formulas).trim();
            } catch (RuntimeException e) {
                // A formula POI cannot evaluate: its cached result is what the file shows.
                return format.formatCellValue(cell).trim();
            }
        }
    }
}
