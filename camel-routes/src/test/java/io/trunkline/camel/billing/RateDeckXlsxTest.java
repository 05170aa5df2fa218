package io.trunkline.camel.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Rate decks as carriers send them in a spreadsheet: prefixes and rates typed as numbers, dates as date cells
 * or text, a formula, extra columns; the same rules as the CSV deck decide every row.
 */
class RateDeckXlsxTest {

    private static byte[] deck(boolean withBadRow) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Rates December");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            String[] names = {"prefix", "description", "rate_per_minute", "connection_fee", "effective_from", "notes"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            Row uk = sheet.createRow(1);
            uk.createCell(0).setCellValue(44);
            uk.createCell(1).setCellValue("United Kingdom fixed");
            uk.createCell(2).setCellValue(0.0125);
            uk.createCell(3).setCellValue(0);
            uk.createCell(4).setCellValue(Date.from(LocalDate.of(2026, 12, 1).atStartOfDay().toInstant(ZoneOffset.UTC)));
            uk.getCell(4).setCellStyle(date);
            Row mobile = sheet.createRow(2);
            mobile.createCell(0).setCellValue("447");
            mobile.createCell(1).setCellValue("United Kingdom mobile");
            mobile.createCell(2).setCellFormula("0.02+0.015");
            mobile.createCell(4).setCellValue("2026-12-01");
            mobile.createCell(5).setCellValue("typed as text");
            // A blank row between the rates is no record.
            if (withBadRow) {
                Row bad = sheet.createRow(4);
                bad.createCell(0).setCellValue(33);
                bad.createCell(2).setCellValue("cheap");
                bad.createCell(4).setCellValue("2026-12-01");
            }
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
            book.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aSpreadsheetDeckIsReadLikeItsCsv() throws Exception {
        RateDeckFile file = new RateDeckCsvParser().parse("carrier-b_2026-12.xlsx", deck(true));
        assertThat(file.carrier()).isEqualTo("carrier-b");
        assertThat(file.linesRead()).isEqualTo(3);
        assertThat(file.rates()).extracting(RateDeckLine::prefix).containsExactly("44", "447");
        assertThat(file.rates().get(0).ratePerMinute()).isEqualByComparingTo("0.0125");
        assertThat(file.rates().get(0).effectiveFrom()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(file.rates().get(1).ratePerMinute()).as("the formula's value").isEqualByComparingTo("0.035");
        assertThat(file.rates().get(1).lineNumber()).isEqualTo(3);
        assertThat(file.rejected()).singleElement().satisfies(r -> {
            assertThat(r.lineNumber()).as("the sheet's row 5").isEqualTo(5);
            assertThat(r.raw()).isEqualTo("33,,cheap,,2026-12-01");
            assertThat(r.reason()).isEqualTo("rate_per_minute 'cheap' is not a number");
        });
    }

    @Test
    void aFileThatIsNoWorkbookIsRefused() {
        assertThatThrownBy(() -> new RateDeckCsvParser().parse("carrier-b_2026-12.xlsx", "prefix,rate\n44,0.01\n".getBytes()))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("carrier-b_2026-12.xlsx: not a readable XLSX workbook");
    }
}
