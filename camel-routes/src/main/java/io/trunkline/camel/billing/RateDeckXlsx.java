package io.trunkline.camel.billing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.xmlbeans.ThreadLocalUtil;

/**
 * A rate deck sent as a spreadsheet (XLSX), read as rows of text the CSV rules then check: the first sheet, its
 * first non-empty row the header; numbers as written (a prefix typed as a number keeps its digits, a rate its
 * decimals), dates as yyyy-mm-dd, formulas by their cached value. The raw text of a row, for the quarantine, is
 * its cells joined by commas; its line number is the sheet's row number.
 */
final class RateDeckXlsx {

    /** One row of a deck: its 1-based line (row) number, its raw text, its fields, or why it cannot be split. */
    record Row(int lineNumber, String raw, List<String> fields, String error) {
    }

    private RateDeckXlsx() {
    }

    static List<Row> rows(String fileName, byte[] content) {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (book.getNumberOfSheets() == 0) {
                throw new UnreadableFileException(fileName + ": the workbook has no sheet");
            }
            Sheet sheet = book.getSheetAt(0);
            List<Row> rows = new ArrayList<>();
            for (org.apache.poi.ss.usermodel.Row r : sheet) {
                List<String> fields = new ArrayList<>();
                boolean blank = true;
                for (int c = 0; c < Math.max(0, r.getLastCellNum()); c++) {
                    String v = text(r.getCell(c));
                    blank &= v.isBlank();
                    fields.add(v);
                }
                if (!blank) {
                    rows.add(new Row(r.getRowNum() + 1, String.join(",", fields), fields, null));
                }
            }
            // A spreadsheet stores no trailing empty cells: a row is as wide as its header row.
            int width = rows.isEmpty() ? 0 : rows.get(0).fields().size();
            List<Row> padded = new ArrayList<>(rows.size());
            for (Row r : rows) {
                List<String> f = new ArrayList<>(r.fields());
                while (f.size() < width) {
                    f.add("");
                }
                padded.add(new Row(r.lineNumber(), r.raw(), f, null));
            }
            return padded;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableFileException u) {
                throw u;
            }
            throw new UnreadableFileException(fileName + ": not a readable XLSX workbook (" + e.getMessage() + ")");
        } finally {
            // XMLBeans (under POI) keeps caches in thread locals of its own classes; on a container thread they would
            // keep the whole deployment loaded after an undeployment.
            ThreadLocalUtil.clearAllThreadLocals();
        }
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getDateCellValue().toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString()
                    : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case STRING -> cell.getStringCellValue().trim();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> "";
        };
    }
}
