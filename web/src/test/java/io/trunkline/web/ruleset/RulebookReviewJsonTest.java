package io.trunkline.web.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trunkline.ejb.ruleset.api.LintFinding;
import io.trunkline.ejb.ruleset.api.LintReport;
import io.trunkline.ejb.ruleset.api.VersionDiff;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.util.List;
import javax.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The lint report and the version diff as the API writes them; the diff's versions as it reads them. */
class RulebookReviewJsonTest {

    @Test
    void aLintReportCountsItsErrorsAndWarningsAndLocatesEachFinding() {
        LintReport report = new LintReport("routing", 4, List.of(
                new LintFinding(LintFinding.Severity.ERROR, "SHADOWED_ROW", "routing", "RoutingPolicy.drl.xlsx",
                        "RoutingPolicy", 19, null, List.of(14), "Row 19 never decides: row 14 above it ..."),
                new LintFinding(LintFinding.Severity.WARNING, "CARRIER_WITHOUT_CAPABILITY", "routing",
                        "RoutingPolicy.drl.xlsx", "RoutingPolicy", 15, "F", List.of(), "Row 15 names carrier-a ...")));
        JsonObject json = JsonBodies.value(RulebookReviewJson.lint(report)).asJsonObject();
        assertThat(json.getString("rulebook")).isEqualTo("routing");
        assertThat(json.getInt("version")).isEqualTo(4);
        assertThat(json.getInt("errors")).isEqualTo(1);
        assertThat(json.getInt("warnings")).isEqualTo(1);
        JsonObject first = json.getJsonArray("findings").getJsonObject(0);
        assertThat(first.keySet()).containsExactly("severity", "code", "rulebook", "file", "sheet", "row", "column",
                "otherRows", "message");
        assertThat(first.getString("severity")).isEqualTo("ERROR");
        assertThat(first.getInt("row")).isEqualTo(19);
        assertThat(first.isNull("column")).isTrue();
        assertThat(first.getJsonArray("otherRows").getInt(0)).isEqualTo(14);
        assertThat(json.getJsonArray("findings").getJsonObject(1).getString("column")).isEqualTo("F");
    }

    @Test
    void aDiffGivesSheetsForSpreadsheetsAndLinesForTextFiles() {
        VersionDiff d = new VersionDiff("routing", 1, 2, List.of(
                new VersionDiff.FileDiff("RoutingPolicy.drl.xlsx", VersionDiff.Change.CHANGED, List.of(
                        new VersionDiff.SheetDiff("RoutingPolicy", VersionDiff.Change.CHANGED, List.of(), List.of(),
                                List.of(new VersionDiff.RowDiff(14, 15, List.of(new VersionDiff.CellDiff(14, 15, "F",
                                        "Carriers", "carrier-a carrier-b", "carrier-a carrier-c")))), List.of())),
                        List.of()),
                new VersionDiff.FileDiff("RoutingPolicyFallback.drl", VersionDiff.Change.CHANGED, List.of(),
                        List.of(new VersionDiff.LineDiff(VersionDiff.Change.ADDED, null, 4, "    salience -900")))));
        JsonObject json = JsonBodies.value(RulebookReviewJson.diff(d)).asJsonObject();
        assertThat(json.getBoolean("identical")).isFalse();
        JsonObject sheet = json.getJsonArray("files").getJsonObject(0).getJsonArray("sheets").getJsonObject(0);
        assertThat(sheet.keySet()).containsExactly("sheet", "change", "added", "removed", "changed", "moved");
        JsonObject cell = sheet.getJsonArray("changed").getJsonObject(0).getJsonArray("cells").getJsonObject(0);
        assertThat(cell.getInt("fromRow")).isEqualTo(14);
        assertThat(cell.getInt("toRow")).isEqualTo(15);
        assertThat(cell.getString("column")).isEqualTo("F");
        assertThat(cell.getString("title")).isEqualTo("Carriers");
        assertThat(cell.getString("old")).isEqualTo("carrier-a carrier-b");
        assertThat(cell.getString("new")).isEqualTo("carrier-a carrier-c");
        JsonObject drl = json.getJsonArray("files").getJsonObject(1);
        assertThat(drl.containsKey("sheets")).isFalse();
        assertThat(drl.getJsonArray("lines").getJsonObject(0).getString("change")).isEqualTo("ADDED");
        assertThat(drl.getJsonArray("lines").getJsonObject(0).isNull("fromLine")).isTrue();
    }

    @Test
    void aMissingOrMalformedVersionIsA400NamingItsParameter() {
        assertThat(RulebookReviewJson.version("from", " 3 ")).isEqualTo(3);
        for (String bad : new String[]{null, "", "three", "0", "-1", "99999999999"}) {
            ApiException e = catchThrowableOfType(() -> RulebookReviewJson.version("to", bad), ApiException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.status().getStatusCode()).isEqualTo(400);
            assertThat(e.field()).isEqualTo("to");
            assertThat(e.getMessage()).startsWith("to: ");
        }
    }
}
