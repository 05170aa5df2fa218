package io.trunkline.rules.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.rules.attestation.IdentityQuery.Action;
import io.trunkline.rules.attestation.IdentityQuery.Outcome;
import io.trunkline.rules.testing.RulebookSessions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped InboundIdentity table tags every outcome; the fallback tags what no row covers. */
class InboundIdentityTest {

    private static RulebookSessions rules;

    @BeforeAll
    static void compile() {
        rules = new RulebookSessions();
    }

    private static IdentityQuery ask(String carrier, Outcome outcome, String failure, String attest) {
        return rules.fire("attestation-session", new IdentityQuery(carrier, outcome, failure, attest));
    }

    @Test
    void theShippedTableTagsPassedFailedAndMissingIdentities() {
        IdentityQuery passed = ask("carrier-a", Outcome.PASSED, null, "A");
        assertThat(passed.getAction()).isEqualTo(Action.TAG);
        assertThat(passed.getDecidedBy()).isEqualTo("InboundIdentity_10");
        assertThat(passed.getTrace()).containsExactly("InboundIdentity_10: TAG an inbound identity PASSED, attestation A from carrier-a");
        assertThat(ask("carrier-b", Outcome.FAILED, "INVALID", "A").getDecidedBy()).isEqualTo("InboundIdentity_11");
        assertThat(ask("carrier-b", Outcome.MISSING, null, null).getDecidedBy()).isEqualTo("InboundIdentity_12");
    }

    @Test
    void conditionsOnAFailureOrAnAttestationNeverMatchACallWithoutOne() {
        IdentityQuery missing = new IdentityQuery("carrier-a", Outcome.MISSING, null, null);
        assertThat(missing.failureIn("INVALID BAD_INFO")).isFalse();
        assertThat(missing.attestIn("A B C")).isFalse();
        IdentityQuery failed = new IdentityQuery("carrier-a", Outcome.FAILED, "STALE", "B");
        assertThat(failed.failureIn("INVALID, STALE")).isTrue();
        assertThat(failed.attestIn("A")).isFalse();
        assertThat(failed.carrierIn("carrier-b carrier-a")).isTrue();
        assertThat(failed.carrierIn("*")).isTrue();
        assertThat(failed.outcomeIn("PASSED")).isFalse();
    }
}
