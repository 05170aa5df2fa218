package io.trunkline.ejb.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked example's scenarios and the routing engine's rules, on the shipped rulebooks. */
class RouteDeciderTest {

    /** Tuesday 10:00 in New York: peak for every carrier. */
    static final Instant PEAK = Instant.parse("2026-12-01T15:00:00Z");
    /** Tuesday 22:00 in New York: off-peak for carriers A and C. */
    static final Instant OFF_PEAK = Instant.parse("2026-12-02T03:00:00Z");

    private static RulebookRegistry registry;
    private final RouteDecider decider = new RouteDecider(DecisionSettings.DEFAULT,
            Clock.fixed(PEAK, ZoneOffset.UTC), ThreadLocalRandom.current()::nextDouble);

    @BeforeAll
    static void rules() {
        ClassLoader cl = Rulebook.class.getClassLoader();
        registry = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
    }

    private RouteDecision out(RoutingData data, String pbx, String calling, String dialed, Instant at) {
        return decider.decide(new RouteRequest("call-1", RouteRequest.Direction.OUTBOUND, pbx, calling, dialed, at),
                data, RouteDecider.Books.current(registry));
    }

    private RouteDecision out(String pbx, String dialed) {
        return out(RoutingFixtures.enterprise().build(), pbx, "2001", dialed, PEAK);
    }

    @Test
    void internationalGoesViaAExceptCanadaViaB() {
        RouteDecision uk = out("hq-cucm", "9011442071234567");
        assertThat(uk.verdict()).isEqualTo(RouteDecision.Verdict.ROUTE);
        assertThat(uk.callClass()).isEqualTo("INTERNATIONAL");
        assertThat(uk.called()).isEqualTo("+442071234567");
        assertThat(uk.routes()).extracting(Route::target).containsExactly("carrier-a", "carrier-b");
        assertThat(uk.routes().get(0).uri()).isEqualTo("sip:+442071234567@carrier-a.example.net:5060");

        RouteDecision canada = out("hq-cucm", "914165550123");
        assertThat(canada.callClass()).isEqualTo("INTERNATIONAL");
        assertThat(canada.routes()).extracting(Route::target).containsExactly("carrier-b", "carrier-a");
        assertThat(canada.trace()).anyMatch(l -> l.startsWith("RoutingPolicy_") && l.contains("carrier-b carrier-a"));
    }

    @Test
    void tollFreeGoesViaBBecauseADoesNotTerminateIt() {
        RouteDecision d = out("hq-cucm", "918005550100");
        assertThat(d.callClass()).isEqualTo("TOLL_FREE");
        assertThat(d.routes()).extracting(Route::target).containsExactly("carrier-b");
        assertThat(d.trace()).contains("carrier-a skipped: does not terminate toll-free");
    }

    @Test
    void emergencyGoesToTheSitesGatewayRegardlessOfCostAndCapacity() {
        RoutingData data = RoutingFixtures.enterprise().state("e911-gateway", false, 10, null, null).build();
        RouteDecision d = out(data, "hq-cucm", "2001", "911", PEAK);
        assertThat(d.callClass()).isEqualTo("EMERGENCY");
        assertThat(d.called()).isEqualTo("911");
        assertThat(d.routes()).extracting(Route::target).containsExactly("e911-gateway");
        assertThat(d.routes().get(0).reason()).contains("designated emergency gateway of hq-cucm").contains("NYC-HQ-FL1");
        assertThat(out(data, "hq-cucm", "2001", "9911", PEAK).routes()).extracting(Route::target).containsExactly("e911-gateway");
    }

    @Test
    void unknownInboundDidGoesToTheMainIvrOfThePrimaryPbx() {
        RoutingData data = RoutingFixtures.enterprise().build();
        RouteDecision unknown = decider.decide(new RouteRequest("in-1", RouteRequest.Direction.INBOUND, "carrier-b",
                "+14165550123", "+12125559999", PEAK), data, RouteDecider.Books.current(registry));
        assertThat(unknown.routes()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("hq-cucm");
            assertThat(r.kind()).isEqualTo(Route.Kind.PBX);
            assertThat(r.uri()).isEqualTo("sip:2000@10.0.1.10:5060");
        });
        assertThat(unknown.trace()).anyMatch(l -> l.contains("is not assigned") && l.contains("main IVR"));

        RouteDecision known = decider.decide(new RouteRequest("in-2", RouteRequest.Direction.INBOUND, "carrier-a",
                "14165550123", "442071235001", PEAK), data, RouteDecider.Books.current(registry));
        assertThat(known.routes()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("london-teams");
            assertThat(r.uri()).isEqualTo("sip:5001@sbc.london.example:5061;transport=tls");
            assertThat(r.presentNumber()).isEqualTo("+14165550123");
        });
    }

    @Test
    void overlappingExtensionRangesAreReachableFromEachOtherByPrefix() {
        RouteDecision toBranch = out("hq-cucm", "82001");
        assertThat(toBranch.callClass()).isEqualTo("INTERNAL");
        assertThat(toBranch.routes()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("branch-asterisk");
            assertThat(r.uri()).isEqualTo("sip:2001@10.0.2.10:5060");
        });
        assertThat(out("hq-cucm", "2001").routes().get(0).target()).isEqualTo("hq-cucm");
        assertThat(out("branch-asterisk", "72001").routes().get(0).target()).isEqualTo("hq-cucm");
        assertThat(out("branch-asterisk", "2001").routes().get(0).target()).isEqualTo("branch-asterisk");
    }

    @Test
    void leastCostPicksAAtPeakAndCOffPeak() {
        RoutingData data = RoutingFixtures.enterprise().build();
        RouteDecision peak = out(data, "hq-cucm", "+12015550123", "93125550199", PEAK);
        assertThat(peak.callClass()).isEqualTo("DOMESTIC");
        assertThat(peak.routes()).extracting(Route::target).containsExactly("carrier-a", "carrier-c");
        assertThat(peak.routes().get(0).ratePerMinute()).isEqualByComparingTo("0.0100");

        RouteDecision night = out(data, "hq-cucm", "+12015550123", "93125550199", OFF_PEAK);
        assertThat(night.routes()).extracting(Route::target).containsExactly("carrier-c", "carrier-a");
        assertThat(night.routes().get(0).ratePerMinute()).isEqualByComparingTo("0.0040");
    }

    @Test
    void weightedPolicySplitsSeventyThirty() {
        RoutingData data = RoutingFixtures.enterprise().build();
        RouteDecider seeded = new RouteDecider(DecisionSettings.DEFAULT, Clock.fixed(PEAK, ZoneOffset.UTC),
                new Random(20261126)::nextDouble);
        int toA = 0;
        for (int i = 0; i < 10_000; i++) {
            RouteDecision d = seeded.decide(new RouteRequest("w-" + i, RouteRequest.Direction.OUTBOUND, "branch-asterisk",
                    "2001", "92125551234", PEAK), data, RouteDecider.Books.current(registry));
            assertThat(d.routes()).hasSize(2);
            if (d.routes().get(0).target().equals("carrier-a")) {
                toA++;
            }
        }
        assertThat(toA / 100.0).as("percent of first attempts on carrier A").isBetween(68.0, 72.0);
    }

    @Test
    void carrierMarkedDownOrAtItsChannelLimitIsSkipped() {
        RoutingData down = RoutingFixtures.enterprise().state("carrier-a", false, 0, null, null).build();
        RouteDecision d = out(down, "hq-cucm", "2001", "9011442071234567", PEAK);
        assertThat(d.routes()).extracting(Route::target).containsExactly("carrier-b");
        assertThat(d.trace()).contains("carrier-a skipped: marked down");

        RoutingData full = RoutingFixtures.enterprise().state("carrier-a", true, 100, null, null).build();
        RouteDecision f = out(full, "hq-cucm", "2001", "9011442071234567", PEAK);
        assertThat(f.routes()).extracting(Route::target).containsExactly("carrier-b");
        assertThat(f.trace()).contains("carrier-a skipped: at its channel limit (100/100)");

        RoutingData none = RoutingFixtures.enterprise().state("carrier-b", false, 0, null, null).build();
        RouteDecision n = out(none, "hq-cucm", "2001", "918005550100", PEAK);
        assertThat(n.verdict()).isEqualTo(RouteDecision.Verdict.REJECT);
        assertThat(n.sipCode()).isEqualTo(503);
    }

    @Test
    void callerIdNotHeldByTheCheapestCarrierMovesTheCallToAHolder() {
        RoutingData data = RoutingFixtures.enterprise().build();
        // +1312555... is held by carriers B and C, not by A, the cheapest at peak.
        RouteDecision d = out(data, "hq-cucm", "+13125550142", "93125550199", PEAK);
        assertThat(d.routes()).extracting(Route::target).containsExactly("carrier-c", "carrier-a");
        assertThat(d.routes().get(0).presentNumber()).isEqualTo("+13125550142");
        assertThat(d.routes().get(1).presentNumber()).as("A presents the site's main number").isEqualTo("+12125550100");
        assertThat(d.trace()).anyMatch(l -> l.contains("holders first"));
        // A caller A holds stays on the cheapest carrier.
        assertThat(out(data, "hq-cucm", "+12125550142", "93125550199", PEAK).routes().get(0).target()).isEqualTo("carrier-a");
    }

    @Test
    void carrierBelowTheQualityFloorIsTriedLast() {
        RoutingData data = RoutingFixtures.enterprise().state("carrier-c", true, 0, 22.0, 4.1).build();
        RouteDecision d = out(data, "hq-cucm", "+12015550123", "93125550199", OFF_PEAK);
        assertThat(d.routes()).extracting(Route::target).containsExactly("carrier-a", "carrier-c");
        assertThat(d.trace()).anyMatch(l -> l.startsWith("carrier-c below the quality floor") && l.endsWith("tried last"));
    }

    @Test
    void callingExtensionIsPresentedAsItsDid() {
        RouteDecision d = out(RoutingFixtures.enterprise().build(), "hq-cucm", "2001", "9011442071234567", PEAK);
        assertThat(d.calling()).isEqualTo("+12125552001");
        assertThat(d.routes().get(0).presentNumber()).isEqualTo("+12125552001");
    }

    @Test
    void premiumRateIsBarredAndUnmatchedDialStringsRefused() {
        RouteDecision premium = out("hq-cucm", "919005550100");
        assertThat(premium.verdict()).isEqualTo(RouteDecision.Verdict.REJECT);
        assertThat(premium.sipCode()).isEqualTo(403);
        RouteDecision unmatched = out("hq-cucm", "6001");
        assertThat(unmatched.sipCode()).isEqualTo(404);
        assertThat(unmatched.reason()).contains("no dial-plan row");
    }

    @Test
    void badRequestsNameTheirField() {
        assertThatThrownBy(() -> out("nowhere-pbx", "2001")).isInstanceOfSatisfying(InvalidRouteRequest.class,
                e -> assertThat(e.field()).isEqualTo("source"));
        assertThatThrownBy(() -> out("hq-cucm", "9CALLME")).isInstanceOfSatisfying(InvalidRouteRequest.class,
                e -> assertThat(e.field()).isEqualTo("called"));
        assertThatThrownBy(() -> out("hq-cucm", "9011449")).isInstanceOfSatisfying(InvalidRouteRequest.class, e -> {
            assertThat(e.field()).isEqualTo("called");
            assertThat(e.getMessage()).contains("+449").contains("not a valid E.164 number");
        });
    }

    @Test
    void decisionNamesTheRulebookVersionsThatDecided() {
        RouteDecision d = out("hq-cucm", "9011442071234567");
        assertThat(d.rulebookVersions()).containsEntry("dialplan", "dialplan@1").containsEntry("routing", "routing@1")
                .containsEntry("classification", "classification@1");
        assertThat(d.failoverCodes()).contains(503, 408);
        assertThat(d.attemptTimeoutMs()).isEqualTo(2000);
    }

    private RouteDecision forwarded(String pbx, String calling, String dialed) {
        return decider.decide(new RouteRequest("call-f", RouteRequest.Direction.OUTBOUND, pbx, calling, dialed, PEAK,
                true), RoutingFixtures.enterprise().build(), RouteDecider.Books.current(registry));
    }

    @Test
    void aCallFromThePbxsOwnDidIsSignedWithFullAttestationAndThePbxsOrigid() {
        RouteDecision d = out("hq-cucm", "9011442071234567");
        assertThat(d.signing()).isNotNull();
        assertThat(d.signing().attest()).isEqualTo(io.trunkline.contract.telecom.Attestation.A);
        assertThat(d.signing().origid()).isEqualTo(Pbx.origIdOf(new io.trunkline.contract.telecom.PbxId("hq-cucm"))
                .toString()).isNotEqualTo(out("branch-asterisk", "9011442071234567").signing().origid());
        assertThat(d.signing().decidedBy()).isEqualTo("Attestation_14");
        assertThat(d.trace()).anyMatch(l -> l.startsWith("Attestation_14: attestation A, signed (number assigned to pbx"));
        assertThat(d.rulebookVersions()).containsEntry("attestation", "attestation@1");
    }

    @Test
    void anotherPbxsNumberAForeignNumberAndAForwardedCallGetPartialAttestation() {
        RoutingData data = RoutingFixtures.enterprise().build();
        assertThat(out(data, "hq-cucm", "+13125552001", "9011442071234567", PEAK).signing().attest().name())
                .as("a DID of the branch presented by HQ").isEqualTo("B");
        assertThat(out(data, "hq-cucm", "+14155550100", "9011442071234567", PEAK).signing().attest().name())
                .as("a number not in the inventory").isEqualTo("B");
        RouteDecision f = forwarded("hq-cucm", "2001", "9011442071234567");
        assertThat(f.signing().attest().name()).isEqualTo("B");
        assertThat(f.signing().decidedBy()).isEqualTo("Attestation_13");
    }

    @Test
    void callsTheTableSaysNotToSignAndCallsToPbxsCarryNoSigning() {
        assertThat(out("london-teams", "+12125550123").signing()).as("London: not signed").isNull();
        RouteDecision internal = out("hq-cucm", "2002");
        assertThat(internal.routes()).extracting(Route::kind).containsOnly(Route.Kind.PBX);
        assertThat(internal.signing()).isNull();
    }
}
