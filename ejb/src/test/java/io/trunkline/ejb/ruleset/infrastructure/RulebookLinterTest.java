package io.trunkline.ejb.ruleset.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.routing.domain.Capability;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.routing.domain.RoutingFixtures;
import io.trunkline.ejb.ruleset.api.LintFinding;
import io.trunkline.ejb.ruleset.api.LintFinding.Severity;
import io.trunkline.ejb.ruleset.api.LintReport;
import io.trunkline.ejb.ruleset.application.RoutingLintData;
import io.trunkline.ejb.ruleset.domain.TableLint;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.attestation.AttestationTableSource;
import io.trunkline.rules.dialplan.DialPlanTableSource;
import io.trunkline.rules.fraud.FraudPolicyTableSource;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import io.trunkline.rules.sla.SlaCreditTableSource;
import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The linter on built workbooks and the demo enterprise's master data: each kind of finding located at its sheet, row
 * and column with the other row named, and the shipped rulebooks free of errors in their tables.
 */
class RulebookLinterTest {

    private static final String ROUTING = "RoutingPolicy.drl.xlsx";
    private static RulebookRegistry shipped;
    private static final RoutingData DEMO = RoutingFixtures.enterprise().build();

    @BeforeAll
    static void compileShipped() {
        shipped = RulebookRegistryTest.shippedRegistry();
    }

    /** The findings of one workbook, as the rulebook's linter reads them. */
    private static List<LintFinding> lint(String rulebook, String file, DecisionTableWorkbook table, RoutingData data) {
        return new TableLint().lint(rulebook, DecisionTables.read(file, table.toXlsx()), new RoutingLintData(data));
    }

    private static List<LintFinding> withCode(List<LintFinding> findings, String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    private static DecisionTableWorkbook routing(String[]... rows) {
        DecisionTableWorkbook t = RoutingPolicyTableSource.layout();
        t.row("*", "EMERGENCY", "", "", "", "", "", "", "", "", "", "", "PRIORITY");
        for (String[] r : rows) {
            t.row(r);
        }
        return t;
    }

    private static String[] policy(String pbx, String cls, String prefixes, String window, String carriers, String strategy) {
        return new String[]{pbx, cls, prefixes, window, carriers, "", "", "", "", "", "", "", strategy};
    }

    @Test
    void shippedRulebooksHaveNoErrorInTheirTablesWithTheDemoMasterData() {
        for (Rulebook r : Rulebook.values()) {
            LintReport report = new RulebookLinter().lint(r, 1, shipped.active(r).resources(), new RoutingLintData(DEMO));
            assertThat(report.findings()).as(r.kbaseName())
                    .filteredOn(f -> f.severity() == Severity.ERROR && f.file() != null).isEmpty();
            assertThat(report.rulebook()).isEqualTo(r.kbaseName());
        }
        LintReport routing = new RulebookLinter().lint(Rulebook.ROUTING, 1, shipped.active(Rulebook.ROUTING).resources(),
                new RoutingLintData(DEMO));
        // The demo's London office names no emergency carrier, and its only emergency-capable carrier is licensed
        // for the US: its 999 calls reach no carrier. That is master data's, reported without a file.
        assertThat(routing.errors()).isEqualTo(1);
        LintFinding london = routing.findings().get(0);
        assertThat(london.code()).isEqualTo("NO_EMERGENCY_ROUTE");
        assertThat(london.file()).isNull();
        assertThat(london.message()).contains("london-teams (GB)", "names no emergency carrier", "licensed for GB",
                "e911-gateway (US)");
        // Toll-free row 15 names carrier A, which has no toll-free capability; rows 17 and 18 name carrier C, licensed
        // for the US and Canada only, also for London's domestic and mobile calls.
        assertThat(routing.findings()).filteredOn(f -> f.severity() == Severity.WARNING)
                .extracting(LintFinding::code, LintFinding::row, LintFinding::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CARRIER_WITHOUT_CAPABILITY", 15, "F"),
                        org.assertj.core.groups.Tuple.tuple("CARRIER_WITHOUT_LICENCE", 17, "F"),
                        org.assertj.core.groups.Tuple.tuple("CARRIER_WITHOUT_LICENCE", 18, "F"));
        assertThat(routing.warnings()).isEqualTo(3);
        assertThat(routing.findings().get(2).message()).contains("carrier-c", "not licensed for GB",
                "DOMESTIC calls of london-teams (GB)");
    }

    @Test
    void aSiteWithAnEmergencyCarrierHasNoEmergencyFinding() {
        RoutingData london911 = RoutingFixtures.enterprise()
                .carrier("uk-999", EnumSet.of(Capability.EMERGENCY), Set.of("GB"), 10, 9, 1, List.of(), "1/1",
                        "Europe/London", null)
                .build();
        LintReport routing = new RulebookLinter().lint(Rulebook.ROUTING, 1, shipped.active(Rulebook.ROUTING).resources(),
                new RoutingLintData(london911));
        assertThat(routing.errors()).isZero();
    }

    @Test
    void aRowBelowAGeneralRowOfTheSameClassIsShadowedNamingIt() {
        List<LintFinding> findings = lint("routing", ROUTING, RoutingPolicyTableSource.shipped()
                .row(policy("*", "INTERNATIONAL", "+44", "", "carrier-b", "PRIORITY")), DEMO);
        List<LintFinding> shadowed = withCode(findings, "SHADOWED_ROW");
        assertThat(shadowed).hasSize(1);
        LintFinding f = shadowed.get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.row()).isEqualTo(19);
        assertThat(f.otherRows()).containsExactly(14);
        assertThat(f.file()).isEqualTo(ROUTING);
        assertThat(f.sheet()).isEqualTo("RoutingPolicy");
        assertThat(f.column()).isNull();
        assertThat(f.message()).contains("Row 19 never decides", "row 14 above it matches every call row 19 matches",
                "Class INTERNATIONAL, Destination starts with +44", "the first matching row decides");
    }

    @Test
    void aRowThatTwoRowsAboveItCoverTogetherIsUnreachable() {
        List<LintFinding> findings = lint("routing", ROUTING, routing(
                policy("*", "DOMESTIC", "", "08:00-18:00", "carrier-a", "PRIORITY"),
                policy("*", "DOMESTIC", "", "18:00-08:00", "carrier-c carrier-a", "PRIORITY"),
                policy("hq-cucm", "DOMESTIC", "+1212", "Mon-Fri", "carrier-a carrier-c", "LEAST_COST")), DEMO);
        List<LintFinding> unreachable = withCode(findings, "UNREACHABLE_ROW");
        assertThat(unreachable).hasSize(1);
        assertThat(unreachable.get(0).row()).isEqualTo(13);
        assertThat(unreachable.get(0).otherRows()).containsExactly(11, 12);
        assertThat(unreachable.get(0).message()).contains("rows 11 and 12 before it together match every call row 13 matches");
        assertThat(withCode(findings, "SHADOWED_ROW")).isEmpty();
    }

    @Test
    void rowsListingEveryValueOfAColumnTogetherCoverARowLeavingItBlank() {
        List<LintFinding> findings = lint("attestation", "Attestation.drl.xlsx", AttestationTableSource.shipped()
                .row("*", "", "", "", "", "yes", "C"), DEMO);
        List<LintFinding> unreachable = withCode(findings, "UNREACHABLE_ROW");
        assertThat(unreachable).hasSize(1);
        assertThat(unreachable.get(0).row()).isEqualTo(16);
        // Rows 14 and 15 name every standing of the calling number between them.
        assertThat(unreachable.get(0).otherRows()).containsExactly(14, 15);
    }

    @Test
    void partlyOverlappingPrefixesOfRowsThatDecideDifferentlyAreAWarning() {
        List<LintFinding> findings = lint("routing", ROUTING, routing(
                policy("*", "INTERNATIONAL", "+44 +1", "", "carrier-a", "PRIORITY"),
                policy("*", "INTERNATIONAL", "+33 +44", "", "carrier-b", "PRIORITY")), DEMO);
        List<LintFinding> overlap = withCode(findings, "OVERLAPPING_PREFIXES");
        assertThat(overlap).hasSize(1);
        LintFinding f = overlap.get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.row()).isEqualTo(12);
        assertThat(f.column()).isEqualTo("D");
        assertThat(f.otherRows()).containsExactly(11);
        assertThat(f.message()).contains("Row 12 overlaps row 11 above it", "'+33 +44' and '+44 +1' share numbers",
                "row 11 decides by its place alone");
    }

    @Test
    void aSpecificRowAboveAGeneralOneOrRowsDecidingAlikeAreNoOverlap() {
        List<LintFinding> findings = lint("routing", ROUTING, routing(
                policy("*", "INTERNATIONAL", "+44", "", "carrier-b", "PRIORITY"),
                policy("*", "INTERNATIONAL", "+4", "", "carrier-a", "PRIORITY"),
                policy("*", "MOBILE", "+1 +44", "", "carrier-a", "PRIORITY"),
                policy("*", "MOBILE", "+44 +33", "", "carrier-a", "PRIORITY")), DEMO);
        assertThat(findings).filteredOn(f -> f.code().startsWith("OVERLAPPING")).isEmpty();
    }

    @Test
    void overlappingTimeWindowsAreAWarningOnTheWindowColumn() {
        List<LintFinding> findings = lint("routing", ROUTING, routing(
                policy("*", "DOMESTIC", "", "08:00-18:00 Mon-Fri", "carrier-a", "PRIORITY"),
                policy("*", "DOMESTIC", "", "17:00-20:00", "carrier-c", "PRIORITY")), DEMO);
        List<LintFinding> overlap = withCode(findings, "OVERLAPPING_TIME_WINDOWS");
        assertThat(overlap).hasSize(1);
        assertThat(overlap.get(0).row()).isEqualTo(12);
        assertThat(overlap.get(0).column()).isEqualTo("E");
        assertThat(overlap.get(0).message()).contains("Time window '17:00-20:00' and '08:00-18:00 Mon-Fri' share hours");
    }

    @Test
    void dialPatternsAreComparedAsTheStringsTheyMatch() {
        List<LintFinding> findings = lint("dialplan", "DialPlanNormalization.drl.xlsx", DialPlanTableSource.shipped()
                // Every string of 9NXXNXX1234 is a string of row 13's 9NXXNXXXXXX.
                .row("hq-cucm", "9NXXNXX1234", "1", "+1", "", "E164")
                // 2[0-5]X. shares 2055 with row 24's 2XXX, which does not hold 20555, nor it 2955.
                .row("branch-asterisk", "2[0-5]X.", "0", "+1312555", "", "E164"), DEMO);
        List<LintFinding> shadowed = withCode(findings, "SHADOWED_ROW");
        assertThat(shadowed).extracting(LintFinding::row).containsExactly(31);
        assertThat(shadowed.get(0).otherRows()).containsExactly(13);
        List<LintFinding> overlap = withCode(findings, "OVERLAPPING_DIAL_PATTERNS");
        assertThat(overlap).extracting(LintFinding::row).containsExactly(32);
        assertThat(overlap.get(0).otherRows()).containsExactly(24);
        assertThat(overlap.get(0).column()).isEqualTo("C");
        assertThat(findings).filteredOn(f -> f.otherRows().contains(13) || f.otherRows().contains(24)).hasSize(2);
    }

    @Test
    void aRowFiringEarlierByItsPriorityShadowsTheRowAboveIt() {
        DecisionTableWorkbook table = new DecisionTableWorkbook("Priorities")
                .headerLine("RuleSet", "io.trunkline.rules.routing")
                .table("Priorities", "CONDITION", "CONDITION", "ACTION", "PRIORITY")
                .pattern("$q : PolicyQuery", 0, 1)
                .code("decidedBy == null, callClass == \"$param\"", "destinationStartsWith(\"$param\")",
                        "modify($q) { choose(drools.getRule().getName(), \"$param\") }", "")
                .titles("Class", "Destination starts with", "Strategy", "Priority")
                .row("MOBILE", "+1", "PRIORITY", "1")
                .row("MOBILE", "", "LEAST_COST", "10");
        List<LintFinding> shadowed = withCode(lint("routing", "Priorities.drl.xlsx", table, DEMO), "SHADOWED_ROW");
        assertThat(shadowed).hasSize(1);
        assertThat(shadowed.get(0).row()).isEqualTo(8);
        assertThat(shadowed.get(0).otherRows()).containsExactly(9);
        assertThat(shadowed.get(0).message()).contains("row 9, which fires before it by its priority,");
    }

    @Test
    void rowsOfOneActivationGroupStopEachOther() {
        DecisionTableWorkbook table = new DecisionTableWorkbook("Groups")
                .headerLine("RuleSet", "io.trunkline.rules.routing")
                .headerLine("Sequential", "true")
                .table("Groups", "CONDITION", "ACTION", "ACTIVATION-GROUP")
                .pattern("$q : PolicyQuery", 0, 0)
                .code("callClass == \"$param\"", "$q.choose(drools.getRule().getName(), \"$param\");", "")
                .titles("Class", "Strategy", "Group")
                .row("MOBILE", "PRIORITY", "policy")
                .row("MOBILE", "LEAST_COST", "policy")
                .row("MOBILE", "WEIGHTED", "");
        List<LintFinding> shadowed = withCode(lint("routing", "Groups.drl.xlsx", table, DEMO), "SHADOWED_ROW");
        // Row 11 is in no group and has no "not decided yet" test: it fires whatever fired before it.
        assertThat(shadowed).extracting(LintFinding::row).containsExactly(10);
        assertThat(shadowed.get(0).message()).contains("only one row of their activation group fires");
    }

    @Test
    void fraudRowsBelowAnAllowRowMatchingAllTheirCallsNeverApply() {
        List<LintFinding> findings = lint("fraud", "FraudPolicy.drl.xlsx", FraudPolicyTableSource.shipped()
                .row("hq-cucm", "INTERNAL", "", "", "EXTENSION", "CALLS_PER_MINUTE", "", "10", "20", "", "ALERT")
                .row("*", "PREMIUM", "", "00:00-00:00", "", "", "", "", "", "", "BLOCK"), DEMO);
        assertThat(withCode(findings, "SHADOWED_ROW")).singleElement().satisfies(f -> {
            assertThat(f.row()).isEqualTo(19);
            assertThat(f.otherRows()).containsExactly(10);
            assertThat(f.message()).contains("Row 19 never applies", "an ALLOW row ends the table for the call");
        });
        assertThat(withCode(findings, "UNREACHABLE_ROW")).singleElement().satisfies(f -> {
            assertThat(f.row()).isEqualTo(20);
            assertThat(f.column()).isEqualTo("E");
            assertThat(f.message()).contains("Allowed hours '00:00-00:00' take in the whole week");
        });
        // Velocity rows all count: the shipped table's overlapping rows are no finding.
        assertThat(findings).hasSize(2);
    }

    @Test
    void anSlaRowBelowAWiderRowForTheSameMeasureNeverDecides() {
        List<LintFinding> findings = lint("sla", "SlaCredit.drl.xlsx", SlaCreditTableSource.shipped()
                .row("asr", "true", "5000", "10"), DEMO);
        assertThat(withCode(findings, "SHADOWED_ROW")).singleElement().satisfies(f -> {
            assertThat(f.row()).isEqualTo(14);
            assertThat(f.otherRows()).containsExactly(10);
            assertThat(f.message()).contains("every measure row 14 matches", "the first row that holds decides");
        });
    }

    @Test
    void aClassRoutedOnlyToCarriersWithoutItsCapabilityIsAnError() {
        List<LintFinding> findings = lint("routing", ROUTING, routing(
                policy("*", "PREMIUM", "", "", "carrier-a carrier-c", "PRIORITY"),
                policy("*", "TOLL_FREE", "", "", "carrier-a carrier-b", "PRIORITY")), DEMO);
        assertThat(withCode(findings, "NO_CARRIER_FOR_CLASS")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.row()).isEqualTo(11);
            assertThat(f.column()).isEqualTo("F");
            assertThat(f.message()).contains("carrier-a does not terminate premium-rate numbers",
                    "carrier-c does not terminate premium-rate numbers", "every such call is refused");
        });
        assertThat(withCode(findings, "CARRIER_WITHOUT_CAPABILITY")).singleElement().satisfies(f -> {
            assertThat(f.row()).isEqualTo(12);
            assertThat(f.message()).contains("names carrier-a for TOLL_FREE calls", "does not terminate toll-free");
        });
    }

    @Test
    void aCarrierNotLicensedForTheCountriesOfARowsPrefixIsNamed() {
        RoutingData data = RoutingFixtures.enterprise()
                .carrier("carrier-d", EnumSet.of(Capability.INTERNATIONAL), Set.of("US", "FR"), 10, 5, 1, List.of(),
                        "60/60", "America/New_York", null)
                .build();
        List<LintFinding> findings = lint("routing", ROUTING, routing(
                policy("*", "INTERNATIONAL", "+44", "", "carrier-d carrier-a", "PRIORITY"),
                policy("*", "INTERNATIONAL", "+33", "", "carrier-d", "PRIORITY"),
                policy("*", "INTERNATIONAL", "+49", "", "carrier-d", "PRIORITY")), data);
        assertThat(withCode(findings, "CARRIER_WITHOUT_LICENCE")).singleElement().satisfies(f -> {
            assertThat(f.row()).isEqualTo(11);
            assertThat(f.message()).contains("carrier-d is not licensed for any of GB, GG, IM, JE",
                    "INTERNATIONAL calls to +44 always skip it");
        });
        assertThat(withCode(findings, "NO_CARRIER_FOR_CLASS")).singleElement().satisfies(f -> {
            assertThat(f.row()).isEqualTo(13);
            assertThat(f.message()).contains("INTERNATIONAL calls to +49 reach none of its carriers");
        });
    }

    @Test
    void carriersNamedForEmergencyCallsAreIgnoredAndSaidSo() {
        List<LintFinding> findings = lint("routing", ROUTING, RoutingPolicyTableSource.layout()
                .row("*", "EMERGENCY", "", "", "carrier-a", "", "", "", "", "", "", "", "PRIORITY"), DEMO);
        assertThat(withCode(findings, "CARRIERS_IGNORED")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("site's emergency carrier"));
    }

    @Test
    void emergencyCallsBarredOrMatchedByNoRowAreErrors() {
        List<LintFinding> barred = lint("routing", ROUTING, RoutingPolicyTableSource.layout()
                .row("london-teams", "EMERGENCY", "", "22:00-06:00", "", "", "", "", "", "", "", "", "REJECT")
                .row("*", "EMERGENCY", "", "", "", "", "", "", "", "", "", "", "PRIORITY"), DEMO);
        assertThat(withCode(barred, "NO_EMERGENCY_ROUTE")).filteredOn(f -> f.file() != null).singleElement()
                .satisfies(f -> {
                    assertThat(f.row()).isEqualTo(10);
                    assertThat(f.column()).isEqualTo("N");
                    assertThat(f.message()).contains("Row 10 refuses some EMERGENCY calls of PBX london-teams");
                });

        List<LintFinding> none = lint("routing", ROUTING, RoutingPolicyTableSource.shipped().removeRow(0), DEMO);
        assertThat(withCode(none, "NO_EMERGENCY_ROUTE")).filteredOn(f -> f.file() != null).singleElement()
                .satisfies(f -> {
                    assertThat(f.row()).isNull();
                    assertThat(f.message()).contains("PBXs branch-asterisk, hq-cucm, london-teams", "404");
                });
    }

    @Test
    void aSiteWhoseDialPlanMakesNothingEmergencyCannotDialEmergencyServices() {
        DecisionTableWorkbook withoutLondon999 = DialPlanTableSource.shipped().removeRow(15).removeRow(15);
        List<LintFinding> findings = lint("dialplan", "DialPlanNormalization.drl.xlsx", withoutLondon999, DEMO);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("NO_EMERGENCY_DIALING");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.column()).isEqualTo("G");
            assertThat(f.message()).contains("PBX london-teams", "cannot reach emergency services");
        });
    }

    @Test
    void rowsNamingCarriersAndPbxsMasterDataDoesNotHoldAreErrors() {
        byte[] table = RoutingPolicyTableSource.shipped()
                .row(policy("paris-3cx", "MOBILE", "", "", "carrier-a carrier-z:30", "WEIGHTED")).toXlsx();
        Map<String, byte[]> files = shipped.withFile(Rulebook.ROUTING, ROUTING, table);
        LintReport report = new RulebookLinter().lint(Rulebook.ROUTING, 7, files, new RoutingLintData(DEMO));
        assertThat(report.version()).isEqualTo(7);
        assertThat(report.findings()).filteredOn(f -> f.code().startsWith("UNKNOWN"))
                .extracting(LintFinding::code, LintFinding::row, LintFinding::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UNKNOWN_PBX", 19, "B"),
                        org.assertj.core.groups.Tuple.tuple("UNKNOWN_CARRIER", 19, "F"));
        assertThat(report.findings()).filteredOn(f -> f.code().equals("UNKNOWN_CARRIER")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("Row 19", "'carrier-z' is no carrier of master data"));
    }
}
