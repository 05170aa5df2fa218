package io.trunkline.ejb.ruleset.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.ruleset.api.RuleProblem;
import io.trunkline.ejb.ruleset.api.RuleRow;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.rules.EnumeratedColumns;
import io.trunkline.rules.EnumeratedColumns.Domain;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.alerts.AlertThresholdsTableSource;
import io.trunkline.rules.classification.ClassificationTableSource;
import io.trunkline.rules.dialplan.DialPlanTableSource;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An analyst's typo in an enumerated cell (strategy, class, floor action, result type, severity, carrier or PBX
 * id, country) is refused at upload naming sheet, row, column letter and title and the allowed values, where
 * Drools alone compiles it and routing would change without a word; and the rows naming a carrier are found.
 */
class EnumeratedCellCheckTest {

    private static final String ROUTING = "RoutingPolicy.drl.xlsx";
    private static final EnumeratedCellCheck.KnownIds DEMO = new EnumeratedCellCheck.KnownIds(
            Set.of("carrier-a", "carrier-b", "carrier-c", "e911-gateway"), Set.of("hq-cucm", "branch-asterisk", "london-teams"));

    private RulebookRegistry registry;

    @BeforeEach
    void build() {
        registry = RulebookRegistryTest.shippedRegistry();
    }

    /** Uploads {@code table} as the rulebook's analysts' table; asserts it is refused and returns its one problem. */
    private RuleProblem refused(Rulebook rulebook, DecisionTableWorkbook table) {
        String file = rulebook.decisionTables().get(0);
        Map<String, byte[]> files = registry.withFile(rulebook, file, table.toXlsx());
        RulebookVersion before = registry.active(rulebook).version();
        RuleProblem[] problem = new RuleProblem[1];
        assertThatThrownBy(() -> registry.compile(rulebook, 2, files, "ana", "typo", DEMO))
                .isInstanceOfSatisfying(RulebookRejectedException.class, e -> {
                    assertThat(e.problems()).as(e.problems().toString()).hasSize(1);
                    problem[0] = e.problems().get(0);
                    assertThat(e.getMessage()).contains("active version is unchanged");
                });
        assertThat(registry.active(rulebook).version()).isEqualTo(before);
        assertThat(problem[0].resource()).isEqualTo(file);
        assertThat(problem[0].row()).isEqualTo(table.sheetRowOf(table.rowCount() - 1));
        return problem[0];
    }

    private static Consumer<RuleProblem> cell(String sheet, String column, String header) {
        return p -> {
            assertThat(p.sheet()).isEqualTo(sheet);
            assertThat(p.column()).isEqualTo(column);
            assertThat(p.header()).isEqualTo(header);
            assertThat(p.describe()).contains("sheet " + sheet, "row " + p.row(), "column " + column + " (" + header + ")");
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "E|Allowed hours|8-18|'8-18' is not a time window",
            "F|Scope|CALLER|'CALLER' is not one of EXTENSION, PBX, PREFIX",
            "G|Counter|CALLS_PER_HOUR|'CALLS_PER_HOUR' is not one of CALLS_PER_MINUTE",
            "I|Warning at|five|'five' is not a number such as 5 or 0.75",
            "J|Critical at|1,5|'1,5' is not a number such as 10 or 2.50",
            "K|Block for|15 minutes|must be one value",
            "L|Action|BLOK|'BLOK' is not one of ALLOW, ALERT, BLOCK, BLOCK_SOURCE",
    })
    void aBadFraudCellIsRefusedNamingItsCell(String column, String header, String value, String message) {
        String[] cells = {"*", "PREMIUM", "", "", "EXTENSION", "CALLS_PER_MINUTE", "", "3", "5", "15m", "BLOCK"};
        int index = column.charAt(0) - 'B';
        cells[index] = value;
        RuleProblem p = refused(Rulebook.FRAUD, io.trunkline.rules.fraud.FraudPolicyTableSource.shipped().row(cells));
        assertThat(p).satisfies(cell("FraudPolicy", column, header));
        assertThat(p.message()).contains(message);
    }

    @Test
    void aFraudDurationOfAnotherFormIsRefused() {
        RuleProblem p = refused(Rulebook.FRAUD, io.trunkline.rules.fraud.FraudPolicyTableSource.shipped()
                .row("*", "PREMIUM", "", "", "PBX", "SPEND_PER_HOUR", "", "", "5", "15min", "BLOCK_SOURCE"));
        assertThat(p).satisfies(cell("FraudPolicy", "K", "Block for"));
        assertThat(p.message()).contains("'15min' is not a duration such as 30s, 15m, 1h or 1d");
    }

    @Test
    void unknownStrategyIsRefusedNamingItsCellAndTheStrategies() {
        DecisionTableWorkbook typo = RoutingPolicyTableSource.shipped()
                .row("*", "MOBILE", "+1", "", "carrier-a carrier-c", "", "", "", "", "", "", "", "LEAST_COSt");
        RuleProblem p = refused(Rulebook.ROUTING, typo);
        assertThat(p).satisfies(cell("RoutingPolicy", "N", "Strategy"));
        assertThat(p.allowed()).containsExactlyElementsOf(EnumeratedColumns.STRATEGIES);
        assertThat(p.message()).contains("'LEAST_COSt'", "LEAST_COST, PRIORITY, WEIGHTED, REJECT",
                "did you mean LEAST_COST?");
    }

    @Test
    void unknownDestinationClassIsRefusedInRoutingAndClassification() {
        RuleProblem routing = refused(Rulebook.ROUTING, RoutingPolicyTableSource.shipped()
                .row("*", "INTERNATONAL", "", "", "carrier-a", "", "", "", "", "", "", "", "PRIORITY"));
        assertThat(routing).satisfies(cell("RoutingPolicy", "C", "Class"));
        assertThat(routing.allowed()).contains("INTERNATIONAL", "TOLL_FREE", "MOBILE");

        RuleProblem classification = refused(Rulebook.CLASSIFICATION,
                ClassificationTableSource.shipped().row("", "+44870", "PREMIUM_RATE"));
        assertThat(classification).satisfies(cell("DestinationClassification", "D", "Class"));
        assertThat(classification.message()).contains("'PREMIUM_RATE' is not one of");
    }

    @Test
    void unknownFloorActionIsRefused() {
        RuleProblem p = refused(Rulebook.ROUTING, RoutingPolicyTableSource.shipped()
                .row("*", "MOBILE", "+1", "", "carrier-a carrier-c", "40", "", "DROPPED", "", "", "", "", "PRIORITY"));
        assertThat(p).satisfies(cell("RoutingPolicy", "I", "Below floor"));
        assertThat(p.allowed()).containsExactly("LAST", "DROP");
    }

    @Test
    void carrierThatMasterDataDoesNotHoldIsRefusedListingTheCarriers() {
        RuleProblem p = refused(Rulebook.ROUTING, RoutingPolicyTableSource.shipped()
                .row("branch-asterisk", "MOBILE", "", "", "carrier-a:50 carier-b:50", "", "", "", "", "", "", "", "WEIGHTED"));
        assertThat(p).satisfies(cell("RoutingPolicy", "F", "Carriers"));
        assertThat(p.allowed()).containsExactly("carrier-a", "carrier-b", "carrier-c", "e911-gateway");
        assertThat(p.message()).contains("'carier-b' is no carrier of master data");

        RuleProblem weight = refused(Rulebook.ROUTING, RoutingPolicyTableSource.shipped()
                .row("branch-asterisk", "MOBILE", "", "", "carrier-a:5O carrier-b:50", "", "", "", "", "", "", "", "WEIGHTED"));
        assertThat(weight.message()).as("a weight the decision would read as 0").contains("weight of carrier-a");
    }

    @Test
    void pbxThatMasterDataDoesNotHoldIsRefusedInRoutingAndDialPlan() {
        RuleProblem routing = refused(Rulebook.ROUTING, RoutingPolicyTableSource.shipped()
                .row("hq-cucm brnch-asterisk", "MOBILE", "", "", "carrier-a", "", "", "", "", "", "", "", "PRIORITY"));
        assertThat(routing).satisfies(cell("RoutingPolicy", "B", "PBX"));
        assertThat(routing.allowed()).containsExactly("branch-asterisk", "hq-cucm", "london-teams");

        RuleProblem target = refused(Rulebook.DIALPLAN, DialPlanTableSource.shipped()
                .row("london-teams", "6XXX", "0", "", "paris-pbx", "EXTENSION"));
        assertThat(target).satisfies(cell("DialPlanNormalization", "F", "Target PBX"));
        assertThat(target.message()).contains("'paris-pbx' is no PBX of master data");
    }

    @Test
    void resultTypeSeverityAlertSubjectAndCountryAreChecked() {
        assertThat(refused(Rulebook.DIALPLAN, DialPlanTableSource.shipped().row("hq-cucm", "6XXX", "0", "", "", "extension")))
                .satisfies(cell("DialPlanNormalization", "G", "Result type"))
                .satisfies(p -> assertThat(p.message()).contains("did you mean EXTENSION?"));
        assertThat(refused(Rulebook.ALERTS, AlertThresholdsTableSource.shipped()
                .row("carrier", "", "", "", "", "", "", "true", "", "", "", "CRITCAL", "5m", "Down")))
                .satisfies(cell("AlertThresholds", "M", "Severity"));
        assertThat(refused(Rulebook.ALERTS, AlertThresholdsTableSource.shipped()
                .row("carrier", "carrier-a carrier-x", "", "", "", "", "", "true", "", "", "", "WARNING", "", "Down")))
                .satisfies(cell("AlertThresholds", "C", "Subjects"))
                .satisfies(p -> assertThat(p.message()).contains("'carrier-x' is no carrier"));
        RuleProblem country = refused(Rulebook.CLASSIFICATION, ClassificationTableSource.shipped().row("UK", "+44870", "PREMIUM"));
        assertThat(country).satisfies(cell("DestinationClassification", "B", "Site country"));
        assertThat(country.allowed()).as("too many to list: the message says what is expected").isNull();
        assertThat(country.message()).contains("ISO 3166-1 alpha-2");
    }

    @Test
    void blankStrategyIsRefusedAndTrunkSubjectsAreNotMasterData() {
        assertThat(refused(Rulebook.ROUTING, RoutingPolicyTableSource.shipped()
                .row("*", "MOBILE", "+1", "", "carrier-a", "", "", "", "", "", "", "", "")))
                .satisfies(cell("RoutingPolicy", "N", "Strategy"))
                .satisfies(p -> assertThat(p.message()).contains("is blank"));

        Map<String, byte[]> trunks = registry.withFile(Rulebook.ALERTS, "AlertThresholds.drl.xlsx",
                AlertThresholdsTableSource.shipped().row("trunk", "sbc-1 sbc-2", "", "", "", "", "", "true", "", "",
                        "", "WARNING", "", "SBC trunk down").toXlsx());
        assertThat(new EnumeratedCellCheck().problems(Rulebook.ALERTS, trunks, DEMO)).isEmpty();
    }

    @Test
    void columnIsFoundByWhatItDoesWhateverItsTitleSays() {
        DecisionTableWorkbook retitled = RoutingPolicyTableSource.shipped()
                .titles("PBX", "Class", "Destination starts with", "Time window", "Carriers", "Min ASR %", "Min MOS",
                        "Below floor", "Max rate per minute", "Caller ID", "Attestation floor", "Attestation premium %",
                        "How")
                .row("*", "MOBILE", "", "", "carrier-a", "", "", "", "", "", "", "", "CHEAPEST");
        assertThat(refused(Rulebook.ROUTING, retitled)).satisfies(cell("RoutingPolicy", "N", "How"));
    }

    @Test
    void shippedTablesPassWithTheDemoMasterData() {
        for (Rulebook r : Rulebook.values()) {
            assertThat(new EnumeratedCellCheck().problems(r, registry.active(r).resources(), DEMO))
                    .as(r.kbaseName()).isEmpty();
        }
    }

    @Test
    void everyProblemOfATableIsReportedWithTheCompilersFirst() {
        DecisionTableWorkbook two = RoutingPolicyTableSource.shipped()
                .row("*", "MOBILE", "", "", "carrier-z", "abc", "", "", "", "", "", "", "PRIORTY");
        Map<String, byte[]> files = registry.withFile(Rulebook.ROUTING, ROUTING, two.toXlsx());
        assertThatThrownBy(() -> registry.compile(Rulebook.ROUTING, 2, files, "ana", "", DEMO))
                .isInstanceOfSatisfying(RulebookRejectedException.class, e -> assertThat(e.problems())
                        .extracting(RuleProblem::column).containsExactly("G", "F", "N"));
    }

    @Test
    void rowsNamingACarrierOrPbxAreFoundInTheActiveVersions() {
        int first = RoutingPolicyTableSource.shipped().sheetRowOf(0);
        assertThat(registry.activeRowsNaming(Domain.CARRIERS, "carrier-c")).containsExactly(
                new RuleRow("routing", 1, ROUTING, "RoutingPolicy", first + 7, "F", "Carriers"),
                new RuleRow("routing", 1, ROUTING, "RoutingPolicy", first + 8, "F", "Carriers"));
        assertThat(registry.activeRowsNaming(Domain.PBXS, "london-teams")).extracting(RuleRow::rulebook)
                .as("its six dial-plan rows, the two 5XXX rows of the others that target it, and the fraud table's "
                        + "office-hours row, and the attestation table's unsigned-London row")
                .containsOnly("dialplan", "fraud", "attestation").hasSize(10);
        assertThat(registry.activeRowsNaming(Domain.PBXS, "branch-asterisk")).extracting(RuleRow::rulebook)
                .contains("routing", "dialplan");
        assertThat(registry.activeRowsNaming(Domain.CARRIERS, "e911-gateway")).as("a '*' names no one").isEmpty();
    }
}
