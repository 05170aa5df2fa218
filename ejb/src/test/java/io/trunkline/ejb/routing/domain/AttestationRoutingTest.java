package io.trunkline.ejb.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Carriers chosen by the attestation a call will arrive with: the routing table's attestation floor and premium, on
 * the shipped dial plan, classification and attestation tables and a routing table whose domestic row carries them.
 * HQ calls Chicago (+1312) from its own DID +12125552001 (the attestation table gives it A). At peak carrier B costs
 * 0.0062/min and re-signs, but does not hold +1212: it presents the site's main number and attests B. Carrier A costs
 * 0.0100/min (61.29 % more) and holds +1212555: A.
 */
class AttestationRoutingTest {

    static final Instant PEAK = Instant.parse("2026-12-01T15:00:00Z");

    private static RulebookRegistry registry;
    private final RouteDecider decider = new RouteDecider(DecisionSettings.DEFAULT, Clock.fixed(PEAK, ZoneOffset.UTC),
            () -> 0.5);

    @BeforeAll
    static void rules() {
        ClassLoader cl = Rulebook.class.getClassLoader();
        registry = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
    }

    /** The shipped books with a routing table that sends domestic and international calls over A and B by least cost. */
    private static RouteDecider.Books books(String floor, String premium) throws Exception {
        byte[] table = RoutingPolicyTableSource.layout()
                .row("*", "DOMESTIC", "", "", "carrier-a carrier-b", "", "", "", "", "", floor, premium, "LEAST_COST")
                .row("*", "INTERNATIONAL", "", "", "carrier-a carrier-b", "", "", "", "", "", floor, premium, "LEAST_COST")
                .toXlsx();
        Map<String, byte[]> files = registry.withFile(Rulebook.ROUTING, "RoutingPolicy.drl.xlsx", table);
        RulebookRegistry.Active routing = registry.compile(Rulebook.ROUTING, 2, files, "ana", "attestation");
        return new RouteDecider.Books(registry.active(Rulebook.DIALPLAN), registry.active(Rulebook.CLASSIFICATION),
                routing, registry.active(Rulebook.ATTESTATION));
    }

    private RouteDecision chicago(RoutingData data, RouteDecider.Books books) {
        return decider.decide(new RouteRequest("call-s", RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001",
                "93125550199", PEAK), data, books);
    }

    @Test
    void withinThePremiumTheCarrierThatDeliversAGoesFirstAndTheTraceSaysWhy() throws Exception {
        RouteDecision d = chicago(RoutingFixtures.enterprise().build(), books("", "70"));
        assertThat(d.routes()).extracting(Route::target).containsExactly("carrier-a", "carrier-b");
        assertThat(d.routes()).extracting(Route::arrives).containsExactly(Attestation.A, Attestation.B);
        assertThat(d.trace()).contains(
                "carrier-b would deliver B: re-signs, and +12125550100 is not in its number blocks: its foreign attestation",
                "carrier-a would deliver A: re-signs, and +12125552001 is in its number blocks",
                "carrier-a delivers A at 0.0100/min, 61.29 % more than carrier-b at 0.0062/min delivering B: within the "
                        + "attestation premium 70 %, carrier-a first");
    }

    @Test
    void aboveThePremiumTheCheapestStaysFirst() throws Exception {
        RouteDecision d = chicago(RoutingFixtures.enterprise().build(), books("", "50"));
        assertThat(d.routes()).extracting(Route::target).containsExactly("carrier-b", "carrier-a");
        assertThat(d.trace()).contains("carrier-a delivers A at 0.0100/min, 61.29 % more than carrier-b at 0.0062/min "
                + "delivering B: above the attestation premium 50 %, order kept");
        assertThat(chicago(RoutingFixtures.enterprise().build(), books("", "")).routes())
                .as("no premium: least cost alone").extracting(Route::target).containsExactly("carrier-b", "carrier-a");
    }

    @Test
    void eachRouteIsSignedForTheNumberItPresents() throws Exception {
        RouteDecision d = chicago(RoutingFixtures.enterprise().build(), books("", ""));
        Route viaB = d.routes().get(0);
        Route viaA = d.routes().get(1);
        assertThat(viaB.presentNumber()).isEqualTo("+12125550100");
        assertThat(viaB.signing().attest()).as("the main number is not in the DID inventory").isEqualTo(Attestation.B);
        assertThat(viaA.presentNumber()).isEqualTo("+12125552001");
        assertThat(viaA.signing().attest()).isEqualTo(Attestation.A);
        assertThat(d.signing()).as("the decision's signing is its first carrier route's").isEqualTo(viaB.signing());
        assertThat(d.signingFor(viaA)).isEqualTo(viaA.signing());
    }

    @Test
    void aFloorDropsTheCarriersThatWouldDeliverLess() throws Exception {
        RouteDecision d = chicago(RoutingFixtures.enterprise().build(), books("A", ""));
        assertThat(d.routes()).extracting(Route::target).containsExactly("carrier-a");
        assertThat(d.trace()).contains("carrier-b dropped: it would deliver B, below the attestation floor A (RoutingPolicy_10)");
        RouteDecision none = chicago(RoutingFixtures.enterprise().state("carrier-a", false, 0, null, null).build(),
                books("A", ""));
        assertThat(none.sipCode()).as("A down, B below the floor: nothing to try").isEqualTo(503);
        assertThat(none.trace()).contains("carrier-b dropped: it would deliver B, below the attestation floor A (RoutingPolicy_10)");
    }

    @Test
    void aCarrierThatPassesTheIdentityThroughDeliversWhatTheEnterpriseSigns() throws Exception {
        RoutingData data = RoutingFixtures.enterprise()
                .identity("carrier-b", IdentityHandling.PASS_THROUGH, null)
                .did("+12125550100", "carrier-a", "hq-cucm", "2000")
                .build();
        RouteDecision d = chicago(data, books("", "70"));
        assertThat(d.routes()).extracting(Route::target).as("B delivers A too: the cheapest stays first")
                .containsExactly("carrier-b", "carrier-a");
        assertThat(d.routes().get(0).arrives()).isEqualTo(Attestation.A);
        assertThat(d.trace()).contains("carrier-b would deliver A: passes the enterprise's Identity through (A by Attestation_14)");
        RouteDecision london = decider.decide(new RouteRequest("call-l", RouteRequest.Direction.OUTBOUND, "london-teams",
                "5001", "+13125550199", PEAK), RoutingFixtures.enterprise()
                .identity("carrier-b", IdentityHandling.PASS_THROUGH, null).build(), books("C", ""));
        assertThat(london.trace()).anyMatch(l -> l.startsWith("carrier-b dropped: it would deliver no attestation (unsigned)"));
    }
}
