package io.trunkline.rules.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.rules.testing.RulebookSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped dial-plan rulebook, compiled from kmodule.xml, with every table row hit. */
class DialPlanNormalizationTest {

    private static RulebookSessions rules;

    @BeforeAll
    static void compile() {
        rules = new RulebookSessions();
    }

    static DialString normalize(String pbx, String digits) {
        return rules.fire("dialplan-session", new DialString(new io.trunkline.contract.telecom.PbxId(pbx), digits));
    }

    @ParameterizedTest(name = "{0} dials {1} -> {2} ({3} on {4})")
    @CsvSource({
            "hq-cucm, 911, 911, EMERGENCY, hq-cucm",
            "hq-cucm, 9911, 911, EMERGENCY, hq-cucm",
            "hq-cucm, 912125551234, +12125551234, E164, hq-cucm",
            "hq-cucm, 92125551234, +12125551234, E164, hq-cucm",
            "hq-cucm, 9011442071234567, +442071234567, E164, hq-cucm",
            "hq-cucm, 82001, 2001, EXTENSION, branch-asterisk",
            "hq-cucm, 5001, 5001, EXTENSION, london-teams",
            "hq-cucm, 2001, 2001, EXTENSION, hq-cucm",
            "hq-cucm, +33142685300, +33142685300, E164, hq-cucm",
            "branch-asterisk, 911, 911, EMERGENCY, branch-asterisk",
            "branch-asterisk, 93125550199, +13125550199, E164, branch-asterisk",
            "branch-asterisk, 901133142685300, +33142685300, E164, branch-asterisk",
            "branch-asterisk, 72001, 2001, EXTENSION, hq-cucm",
            "branch-asterisk, 5001, 5001, EXTENSION, london-teams",
            "branch-asterisk, 2001, 2001, EXTENSION, branch-asterisk",
            "london-teams, 999, 999, EMERGENCY, london-teams",
            "london-teams, 112, 112, EMERGENCY, london-teams",
            "london-teams, +14165550123, +14165550123, E164, london-teams",
            "london-teams, 0033142685300, +33142685300, E164, london-teams",
            "london-teams, 02071234567, +442071234567, E164, london-teams",
            "london-teams, 5001, 5001, EXTENSION, london-teams",
    })
    void everyRowNormalizes(String pbx, String dialed, String expected, String type, String targetPbx) {
        DialString d = normalize(pbx, dialed);
        assertThat(d.getResult()).isEqualTo(expected);
        assertThat(d.getResultType()).isEqualTo(type);
        assertThat(d.getTargetPbx()).isEqualTo(targetPbx);
        assertThat(d.getTrace()).hasSize(1);
    }

    @Test
    void unmatchedStringIsRejectedWithReason() {
        DialString d = normalize("hq-cucm", "6001");
        assertThat(d.getResult()).isNull();
        assertThat(d.getRejection()).isEqualTo("no dial-plan row of PBX hq-cucm matches 6001");
        assertThat(normalize("unknown-pbx", "2001").getRejection()).contains("unknown-pbx");
    }

    @Test
    void overlappingExtensionRangesAreToldApartByPrefix() {
        assertThat(normalize("hq-cucm", "2001").getTargetPbx()).isEqualTo("hq-cucm");
        assertThat(normalize("hq-cucm", "82001").getTargetPbx()).isEqualTo("branch-asterisk");
        assertThat(normalize("branch-asterisk", "2001").getTargetPbx()).isEqualTo("branch-asterisk");
        assertThat(normalize("branch-asterisk", "72001").getTargetPbx()).isEqualTo("hq-cucm");
    }

    @AfterAll
    static void everyTableRowFired() {
        assertThat(rules.coverage().rowsFired("DialPlanNormalization"))
                .as("rows of DialPlanNormalization hit by this suite; fired: %s", rules.coverage().fired())
                .isEqualTo(DialPlanTableSource.shipped().rowCount());
    }
}
