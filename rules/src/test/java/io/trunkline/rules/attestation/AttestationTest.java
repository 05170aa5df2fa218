package io.trunkline.rules.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.telecom.Attestation;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.rules.attestation.AttestationQuery.Origin;
import io.trunkline.rules.attestation.AttestationQuery.Standing;
import io.trunkline.rules.testing.RulebookSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped attestation rulebook: every row, the first-match order, and the fallback for what no row covers. */
class AttestationTest {

    private static RulebookSessions rules;

    @BeforeAll
    static void compile() {
        rules = new RulebookSessions();
    }

    static AttestationQuery attest(String pbx, String cls, Standing standing, boolean forwarded, Origin origin) {
        return rules.fire("attestation-session", new AttestationQuery(new PbxId(pbx), cls, standing, forwarded, origin));
    }

    @ParameterizedTest(name = "{0} {1} {2} forwarded={3} {4} -> {5} sign={6} by {7}")
    @CsvSource({
            "hq-cucm,         DOMESTIC,      ASSIGNED_TO_PBX, false, PBX,     A, true,  Attestation_14",
            "branch-asterisk, INTERNATIONAL, ASSIGNED_TO_PBX, false, PBX,     A, true,  Attestation_14",
            "hq-cucm,         DOMESTIC,      HELD_ELSEWHERE,  false, PBX,     B, true,  Attestation_15",
            "hq-cucm,         MOBILE,        NOT_HELD,        false, PBX,     B, true,  Attestation_15",
            "hq-cucm,         TOLL_FREE,     NONE,            false, PBX,     B, true,  Attestation_15",
            "hq-cucm,         DOMESTIC,      ASSIGNED_TO_PBX, true,  PBX,     B, true,  Attestation_13",
            "hq-cucm,         DOMESTIC,      ASSIGNED_TO_PBX, false, GATEWAY, C, true,  Attestation_12",
            "branch-asterisk, EMERGENCY,     NOT_HELD,        false, TRANSIT, C, true,  Attestation_12",
            "london-teams,    INTERNATIONAL, ASSIGNED_TO_PBX, false, PBX,     B, false, Attestation_11",
            "hq-cucm,         INTERNAL,      ASSIGNED_TO_PBX, false, PBX,     C, false, Attestation_10",
    })
    void theFirstMatchingRowDecides(String pbx, String cls, Standing standing, boolean forwarded, Origin origin,
                                    Attestation level, boolean sign, String row) {
        AttestationQuery q = attest(pbx, cls, standing, forwarded, origin);
        assertThat(q.getLevel()).isEqualTo(level);
        assertThat(q.isSign()).isEqualTo(sign);
        assertThat(q.getDecidedBy()).isEqualTo(row);
        assertThat(q.getTrace()).singleElement().asString().startsWith(row + ": attestation " + level);
    }

    @Test
    void aCallNoRowCoversIsSignedWithGatewayAttestation() {
        // The call has no class (e.g. an unclassified destination): no row names it, the fallback does.
        AttestationQuery q = rules.fire("attestation-session",
                new AttestationQuery(new PbxId("hq-cucm"), null, Standing.ASSIGNED_TO_PBX, false, Origin.PBX) {
                    @Override
                    public boolean pbxIn(String pbxs) {
                        return false;
                    }
                });
        assertThat(q.getLevel()).isEqualTo(Attestation.C);
        assertThat(q.isSign()).isTrue();
        assertThat(q.getDecidedBy()).isEqualTo("No attestation row matches");
    }

    @Test
    void cellsAreReadAsTheTableSaysThem() {
        AttestationQuery q = new AttestationQuery(new PbxId("hq-cucm"), "DOMESTIC", Standing.HELD_ELSEWHERE, true,
                Origin.GATEWAY);
        assertThat(q.pbxIn("branch-asterisk, hq-cucm")).isTrue();
        assertThat(q.pbxIn("branch-asterisk")).isFalse();
        assertThat(q.classIn("MOBILE DOMESTIC")).isTrue();
        assertThat(q.classIn("MOBILE")).isFalse();
        assertThat(q.numberIn("NOT_HELD HELD_ELSEWHERE")).isTrue();
        assertThat(q.forwardedIs("yes")).isTrue();
        assertThat(q.forwardedIs("no")).isFalse();
        assertThat(q.originIn("PBX")).isFalse();
        q.setSign("no");
        assertThat(q.isSign()).isFalse();
    }

    @AfterAll
    static void everyTableRowFired() {
        assertThat(rules.coverage().rowsFired("Attestation")).as("fired: %s", rules.coverage().fired())
                .isEqualTo(AttestationTableSource.shipped().rowCount());
    }
}
