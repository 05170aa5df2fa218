package io.trunkline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

/**
 * Every analysts' table lists its enumerated columns, and each one is found in the shipped table by its code
 * cell, in exactly one column: a column the platform cannot find would go unchecked.
 */
class EnumeratedColumnsTest {

    /** The code row of the shipped table: three rows below the RuleTable cell (Drools' layout). */
    private static List<String> codeRow(Rulebook r, String table) throws IOException {
        try (InputStream in = Rulebook.class.getClassLoader().getResourceAsStream(r.resourceFolder() + table);
             Workbook wb = WorkbookFactory.create(in)) {
            DataFormatter format = new DataFormatter();
            Sheet sheet = wb.getSheetAt(0);
            for (Row row : sheet) {
                for (Cell c : row) {
                    if (format.formatCellValue(c).startsWith("RuleTable")) {
                        List<String> code = new ArrayList<>();
                        sheet.getRow(row.getRowNum() + 3).forEach(cell -> code.add(format.formatCellValue(cell)));
                        return code;
                    }
                }
            }
        }
        throw new AssertionError(table + " has no RuleTable");
    }

    @Test
    void everyListedColumnIsFoundByItsCodeInExactlyOneColumnOfTheShippedTable() throws IOException {
        for (Rulebook r : Rulebook.values()) {
            for (String table : r.decisionTables()) {
                List<EnumeratedColumns.Column> columns = EnumeratedColumns.of(table);
                assertThat(columns).as(table + " lists its enumerated columns").isNotEmpty();
                List<String> code = codeRow(r, table);
                for (EnumeratedColumns.Column c : columns) {
                    assertThat(code.stream().filter(cell -> cell.contains(c.code())))
                            .as(table + " " + c.header()).hasSize(1);
                    if (c.whenColumn() != null) {
                        assertThat(columns).extracting(EnumeratedColumns.Column::header).contains(c.whenColumn());
                    }
                    if (c.domain() == EnumeratedColumns.Domain.FIXED) {
                        assertThat(c.values()).as(table + " " + c.header()).isNotEmpty();
                    }
                }
            }
        }
    }

    @Test
    void aFileOutsideTheTablesHasNoColumns() {
        assertThat(EnumeratedColumns.of("RoutingPolicyFallback.drl")).isEmpty();
    }
}
