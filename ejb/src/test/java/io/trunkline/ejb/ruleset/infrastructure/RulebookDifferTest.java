package io.trunkline.ejb.ruleset.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.ruleset.api.VersionDiff;
import io.trunkline.ejb.ruleset.api.VersionDiff.CellDiff;
import io.trunkline.ejb.ruleset.api.VersionDiff.Change;
import io.trunkline.ejb.ruleset.api.VersionDiff.LineDiff;
import io.trunkline.ejb.ruleset.api.VersionDiff.RowDiff;
import io.trunkline.ejb.ruleset.api.VersionDiff.SheetDiff;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Two versions of a rulebook compared cell by cell: a changed cell, an inserted, removed or moved row, a sheet added,
 * a DRL file line by line; identical versions have no difference. Rows are aligned, so one inserted row leaves the
 * rows below it unchanged.
 */
class RulebookDifferTest {

    private static final String TABLE = "RoutingPolicy.drl.xlsx";
    private static final String FALLBACK = "RoutingPolicyFallback.drl";
    private static final byte[] DRL = ("package io.trunkline.rules.routing;\n\nrule \"No routing policy matches\"\n"
            + "    salience -1000\nwhen\n    $q : PolicyQuery( decidedBy == null )\nthen\n    modify( $q ) { reject(\"none\") }\nend\n")
            .getBytes(StandardCharsets.UTF_8);

    private final RulebookDiffer differ = new RulebookDiffer();

    /** The shipped routing rows, to edit. */
    private static List<String[]> shippedRows() {
        DecisionTableWorkbook shipped = RoutingPolicyTableSource.shipped();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < shipped.rowCount(); i++) {
            rows.add(shipped.rowCells(i).toArray(String[]::new));
        }
        return rows;
    }

    private static byte[] table(List<String[]> rows) {
        DecisionTableWorkbook t = RoutingPolicyTableSource.layout();
        rows.forEach(t::row);
        return t.toXlsx();
    }

    private VersionDiff diff(byte[] before, byte[] after) {
        return differ.diff("routing", 1, 2, Map.of(TABLE, before, FALLBACK, DRL), Map.of(TABLE, after, FALLBACK, DRL));
    }

    /** The one sheet that changed. */
    private static SheetDiff onlySheet(VersionDiff d) {
        assertThat(d.files()).hasSize(1);
        VersionDiff.FileDiff file = d.files().get(0);
        assertThat(file.file()).isEqualTo(TABLE);
        assertThat(file.change()).isEqualTo(Change.CHANGED);
        assertThat(file.sheets()).hasSize(1);
        return file.sheets().get(0);
    }

    @Test
    void identicalVersionsHaveNoDifferenceEvenWhenTheWorkbookWasSavedAgain() {
        byte[] once = table(shippedRows());
        VersionDiff same = diff(once, once);
        assertThat(same.identical()).isTrue();
        assertThat(same.files()).isEmpty();
        assertThat(diff(once, table(shippedRows())).identical()).isTrue();
    }

    @Test
    void aChangedCellIsNamedWithItsRowsColumnTitleAndBothValues() {
        List<String[]> rows = shippedRows();
        rows.get(4)[4] = "carrier-a carrier-c";
        SheetDiff sheet = onlySheet(diff(table(shippedRows()), table(rows)));
        assertThat(sheet.sheet()).isEqualTo("RoutingPolicy");
        assertThat(sheet.change()).isEqualTo(Change.CHANGED);
        assertThat(sheet.added()).isEmpty();
        assertThat(sheet.removed()).isEmpty();
        assertThat(sheet.moved()).isEmpty();
        assertThat(sheet.changed()).containsExactly(new RowDiff(14, 14, List.of(
                new CellDiff(14, 14, "F", "Carriers", "carrier-a carrier-b", "carrier-a carrier-c"))));
    }

    @Test
    void anInsertedRowIsOneAddedRowAndTheRowsBelowItAreUnchanged() {
        List<String[]> rows = shippedRows();
        rows.add(3, new String[]{"*", "INTERNATIONAL", "+44", "", "carrier-b", "", "", "", "", "", "", "", "PRIORITY"});
        SheetDiff sheet = onlySheet(diff(table(shippedRows()), table(rows)));
        assertThat(sheet.changed()).isEmpty();
        assertThat(sheet.removed()).isEmpty();
        assertThat(sheet.moved()).isEmpty();
        assertThat(sheet.added()).singleElement().satisfies(r -> {
            assertThat(r.fromRow()).isNull();
            assertThat(r.toRow()).isEqualTo(13);
            assertThat(r.cells()).extracting(CellDiff::column).containsExactly("B", "C", "D", "F", "N");
            assertThat(r.cells().get(2)).isEqualTo(new CellDiff(null, 13, "D", "Destination starts with", null, "+44"));
        });
    }

    @Test
    void aRemovedRowIsListedWithItsOldCells() {
        SheetDiff sheet = onlySheet(diff(table(shippedRows()), RoutingPolicyTableSource.withoutCanadaRow().toXlsx()));
        assertThat(sheet.changed()).isEmpty();
        assertThat(sheet.added()).isEmpty();
        assertThat(sheet.removed()).singleElement().satisfies(r -> {
            assertThat(r.fromRow()).isEqualTo(13);
            assertThat(r.toRow()).isNull();
            assertThat(r.cells()).contains(new CellDiff(13, null, "F", "Carriers", "carrier-b carrier-a", null));
        });
    }

    @Test
    void aMovedRowIsMovedNotRemovedAndAdded() {
        List<String[]> rows = shippedRows();
        rows.add(rows.remove(3));
        SheetDiff sheet = onlySheet(diff(table(shippedRows()), table(rows)));
        assertThat(sheet.added()).isEmpty();
        assertThat(sheet.removed()).isEmpty();
        assertThat(sheet.changed()).isEmpty();
        assertThat(sheet.moved()).singleElement().satisfies(r -> {
            assertThat(r.fromRow()).isEqualTo(13);
            assertThat(r.toRow()).isEqualTo(18);
            assertThat(r.cells()).allSatisfy(c -> assertThat(c.oldValue()).isEqualTo(c.newValue()));
        });
    }

    @Test
    void changedRowsBesideAnInsertedOneArePairedWithTheirOldSelves() {
        List<String[]> rows = shippedRows();
        rows.get(6)[12] = "PRIORITY";
        rows.get(7)[5] = "45";
        rows.add(7, new String[]{"hq-cucm", "DOMESTIC", "", "", "carrier-c", "", "", "", "", "", "", "", "PRIORITY"});
        SheetDiff sheet = onlySheet(diff(table(shippedRows()), table(rows)));
        assertThat(sheet.added()).extracting(RowDiff::toRow).containsExactly(17);
        assertThat(sheet.removed()).isEmpty();
        assertThat(sheet.changed()).extracting(RowDiff::fromRow, RowDiff::toRow)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(16, 16), org.assertj.core.groups.Tuple.tuple(17, 18));
        assertThat(sheet.changed().get(0).cells()).singleElement()
                .isEqualTo(new CellDiff(16, 16, "N", "Strategy", "WEIGHTED", "PRIORITY"));
        assertThat(sheet.changed().get(1).cells()).singleElement()
                .isEqualTo(new CellDiff(17, 18, "G", "Min ASR %", "40", "45"));
    }

    @Test
    void aSheetAddedIsListedWithItsRows() throws IOException {
        byte[] before = table(shippedRows());
        byte[] after;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(before));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet review = wb.createSheet("Review");
            review.createRow(0).createCell(0).setCellValue("Reviewed by");
            review.getRow(0).createCell(1).setCellValue("ana");
            wb.write(out);
            after = out.toByteArray();
        }
        SheetDiff sheet = onlySheet(diff(before, after));
        assertThat(sheet.sheet()).isEqualTo("Review");
        assertThat(sheet.change()).isEqualTo(Change.ADDED);
        assertThat(sheet.added()).singleElement().satisfies(r -> assertThat(r.cells()).containsExactly(
                new CellDiff(null, 1, "A", null, null, "Reviewed by"), new CellDiff(null, 1, "B", null, null, "ana")));

        SheetDiff removed = onlySheet(diff(after, before));
        assertThat(removed.change()).isEqualTo(Change.REMOVED);
        assertThat(removed.removed()).extracting(RowDiff::fromRow).containsExactly(1);
    }

    @Test
    void aDrlFileIsComparedLineByLine() {
        byte[] table = table(shippedRows());
        byte[] changed = new String(DRL, StandardCharsets.UTF_8).replace("salience -1000", "salience -900")
                .replace("end\n", "end\n\n// refused rather than guessed\n").getBytes(StandardCharsets.UTF_8);
        VersionDiff d = differ.diff("routing", 3, 2, Map.of(TABLE, table, FALLBACK, DRL), Map.of(TABLE, table, FALLBACK, changed));
        assertThat(d.from()).isEqualTo(3);
        assertThat(d.to()).isEqualTo(2);
        assertThat(d.files()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(FALLBACK);
            assertThat(f.sheets()).isEmpty();
            assertThat(f.lines()).containsExactly(
                    new LineDiff(Change.REMOVED, 4, null, "    salience -1000"),
                    new LineDiff(Change.ADDED, null, 4, "    salience -900"),
                    new LineDiff(Change.ADDED, null, 10, ""),
                    new LineDiff(Change.ADDED, null, 11, "// refused rather than guessed"));
        });
    }
}
