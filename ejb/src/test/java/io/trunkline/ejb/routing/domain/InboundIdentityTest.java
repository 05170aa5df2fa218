package io.trunkline.ejb.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.attestation.InboundIdentityTableSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbound calls by what the edge's verification made of their identity: the shipped table delivers every outcome;
 * a table with REFUSE rows answers each failure with its RFC 8224 code, and the trace names the row.
 */
class InboundIdentityTest {

    static final Instant AT = Instant.parse("2026-12-01T15:00:00Z");

    private static RulebookRegistry registry;
    private static RouteDecider.Books strict;
    private final RouteDecider decider = new RouteDecider(DecisionSettings.DEFAULT, Clock.fixed(AT, ZoneOffset.UTC),
            () -> 0.5);

    @BeforeAll
    static void rules() throws Exception {
        ClassLoader cl = Rulebook.class.getClassLoader();
        registry = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
        // Carrier B's failed and missing identities are refused, except a stale one, which is tagged; A's all tagged.
        byte[] table = InboundIdentityTableSource.layout()
                .row("carrier-b", "FAILED", "STALE", "", "TAG")
                .row("carrier-b", "FAILED MISSING", "", "", "REFUSE")
                .row("*", "PASSED", "", "C", "REFUSE")
                .row("*", "", "", "", "TAG")
                .toXlsx();
        Map<String, byte[]> files = registry.withFile(Rulebook.ATTESTATION, "InboundIdentity.drl.xlsx", table);
        RulebookRegistry.Active attestation = registry.compile(Rulebook.ATTESTATION, 2, files, "ana", "strict");
        strict = new RouteDecider.Books(registry.active(Rulebook.DIALPLAN), registry.active(Rulebook.CLASSIFICATION),
                registry.active(Rulebook.ROUTING), attestation);
    }

    /** A call from {@code carrier} to a DID it holds (a DID comes in only through its carrier). */
    private RouteDecision in(String carrier, IdentityCheck identity, RouteDecider.Books books) {
        return decider.decide(new RouteRequest("in-1", RouteRequest.Direction.INBOUND, carrier, "+14165550123",
                carrier.equals("carrier-a") ? "+12125552001" : "+13125552001", AT, false, identity),
                RoutingFixtures.enterprise().build(), books);
    }

    private static IdentityCheck failed(String failure) {
        return new IdentityCheck(IdentityCheck.FAILED, failure, "what went wrong", Attestation.A);
    }

    @Test
    void theShippedTableDeliversEveryOutcomeAndTracesIt() {
        RouteDecider.Books shipped = RouteDecider.Books.current(registry);
        RouteDecision d = in("carrier-b", failed("INVALID"), shipped);
        assertThat(d.verdict()).isEqualTo(RouteDecision.Verdict.ROUTE);
        assertThat(d.trace()).contains("identity TN-Validation-Failed: what went wrong",
                "InboundIdentity_11: TAG an inbound identity FAILED (INVALID), attestation A from carrier-b");
        assertThat(in("carrier-b", new IdentityCheck(IdentityCheck.NOT_VALIDATED, null, "no Identity header", null),
                shipped).verdict()).isEqualTo(RouteDecision.Verdict.ROUTE);
        assertThat(in("carrier-b", null, shipped).trace()).as("a node that does not verify")
                .noneMatch(l -> l.startsWith("identity"));
    }

    @Test
    void aRefusedFailureIsAnsweredWithItsRfc8224Code() {
        assertThat(in("carrier-b", failed("INVALID"), strict).sipCode()).isEqualTo(438);
        assertThat(in("carrier-b", failed("BAD_INFO"), strict).sipCode()).isEqualTo(436);
        RouteDecision unsupported = in("carrier-b", failed("UNSUPPORTED_CREDENTIAL"), strict);
        assertThat(unsupported.sipCode()).isEqualTo(437);
        assertThat(unsupported.reason()).isEqualTo("Unsupported Credential (InboundIdentity_11)");
        RouteDecision missing = in("carrier-b", new IdentityCheck(IdentityCheck.NOT_VALIDATED, null, "no Identity header",
                null), strict);
        assertThat(missing.sipCode()).isEqualTo(428);
        assertThat(missing.reason()).isEqualTo("Use Identity Header (InboundIdentity_11)");
    }

    @Test
    void rowsAboveTakePrecedenceAndOtherCarriersAreTagged() {
        assertThat(in("carrier-b", failed("STALE"), strict).verdict()).as("stale: tagged by the row above")
                .isEqualTo(RouteDecision.Verdict.ROUTE);
        assertThat(in("carrier-a", failed("INVALID"), strict).verdict()).isEqualTo(RouteDecision.Verdict.ROUTE);
        RouteDecision gateway = in("carrier-a", new IdentityCheck(IdentityCheck.PASSED, null, "verified", Attestation.C),
                strict);
        assertThat(gateway.sipCode()).as("a passed identity with C, refused by its row").isEqualTo(403);
        assertThat(gateway.reason()).isEqualTo("Forbidden (InboundIdentity_12)");
    }
}
