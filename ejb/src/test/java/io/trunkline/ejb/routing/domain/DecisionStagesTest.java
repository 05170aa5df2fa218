package io.trunkline.ejb.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.rules.routing.PolicyQuery;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each stage of the decision pipeline on its own, without rulebooks: the facts a rulebook would have set are set here. */
class DecisionStagesTest {

    /** Tuesday 10:00 in New York: peak for every carrier. */
    private static final Instant PEAK = Instant.parse("2026-12-01T15:00:00Z");

    private final RoutingFixtures fixtures = RoutingFixtures.enterprise();

    private static DecisionTrace trace() {
        return new DecisionTrace(new RouteRequest("c1", RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001", "1", PEAK),
                PEAK, Map.of());
    }

    private static PolicyQuery policy(String callClass, String strategy, String carriers) {
        PolicyQuery q = new PolicyQuery(new io.trunkline.contract.telecom.PbxId("hq-cucm"), callClass, "+442071234567", LocalTime.of(10, 0), DayOfWeek.TUESDAY);
        q.choose("RoutingPolicy_test", strategy);
        if (carriers != null) {
            q.setCarriers(carriers);
        }
        return q;
    }

    private static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(c -> c.carrier().id().value()).toList();
    }

    @Test
    void candidateFilterDropsCarriersWithoutTheClassCapabilityOrARate() {
        DecisionTrace trace = trace();
        List<Candidate> out = new CandidateFilter(DecisionSettings.DEFAULT).candidates("+442071234567", "GB",
                policy("INTERNATIONAL", "LEAST_COST", "carrier-c carrier-a carrier-b unknown-x"), fixtures.build(),
                trace, PEAK);
        assertThat(ids(out)).containsExactly("carrier-a", "carrier-b");
        assertThat(out.get(0).perMinute()).isEqualByComparingTo("0.0120");
        // 180 s billed 60/60 at 0.012/min
        assertThat(out.get(0).expectedCost()).isEqualByComparingTo("0.036");
        {
            List<String> lines = trace.route("x", "X", null, null, List.of(), DecisionSettings.DEFAULT).trace();
            assertThat(lines).contains("carrier-c skipped: does not carry international calls",
                    "unknown-x skipped: named by the policy but not configured");
        }
    }

    @Test
    void candidateFilterSkipsDownFullAndTooExpensiveCarriers() {
        fixtures.state("carrier-a", false, 0, null, null).state("carrier-b", true, 60, null, null);
        DecisionTrace trace = trace();
        assertThat(new CandidateFilter(DecisionSettings.DEFAULT).candidates("+442071234567", "GB",
                policy("INTERNATIONAL", "PRIORITY", "carrier-a carrier-b"), fixtures.build(), trace, PEAK)).isEmpty();
        List<String> lines = trace.route("x", "X", null, null, List.of(), DecisionSettings.DEFAULT).trace();
        assertThat(lines).contains("carrier-a skipped: marked down", "carrier-b skipped: at its channel limit (60/60)");

        PolicyQuery capped = policy("INTERNATIONAL", "LEAST_COST", "carrier-a carrier-b");
        capped.setMaxRate(new BigDecimal("0.0130"));
        RoutingData fresh = RoutingFixtures.enterprise().build();
        assertThat(ids(new CandidateFilter(DecisionSettings.DEFAULT).candidates("+442071234567", "GB", capped, fresh,
                trace(), PEAK))).containsExactly("carrier-a");
    }

    @Test
    void policyCarrierListsReadWeightsAndFallBackToPriority() {
        RoutingData data = fixtures.build();
        assertThat(CandidateFilter.policyCarriers(policy("DOMESTIC", "WEIGHTED", "carrier-b:3, carrier-a:x carrier-c"),
                data)).containsExactly(Map.entry("carrier-b", 3), Map.entry("carrier-a", 0), Map.entry("carrier-c", 10));
        assertThat(CandidateFilter.policyCarriers(policy("DOMESTIC", "PRIORITY", null), data).keySet())
                .containsExactly("carrier-a", "carrier-b", "carrier-c", "e911-gateway");
    }

    @Test
    void refusalNamesTheMissingCapabilityOrLicence() {
        Carrier c = fixtures.build().carrier("carrier-c").orElseThrow();
        CarrierState up = new CarrierState(true, 0, null, null);
        assertThat(CandidateFilter.refusal(c, "TOLL_FREE", "US", up)).isEqualTo("does not terminate toll-free");
        assertThat(CandidateFilter.refusal(c, "PREMIUM", "US", up)).isEqualTo("does not terminate premium-rate numbers");
        assertThat(CandidateFilter.refusal(c, "DOMESTIC", "GB", up)).isEqualTo("not licensed for GB");
        assertThat(CandidateFilter.refusal(c, "DOMESTIC", "US", up)).isNull();
    }

    @Test
    void orderingIsLeastCostThenFloorThenCallerIdHolders() {
        RoutingData data = fixtures.state("carrier-b", true, 0, 20.0, null).build();
        PolicyQuery q = policy("DOMESTIC", "LEAST_COST", "carrier-a carrier-b carrier-c");
        q.setMinAsr(30);
        List<Candidate> candidates = new CandidateFilter(DecisionSettings.DEFAULT).candidates("+13125550123", "US", q,
                data, trace(), PEAK);
        Pbx hq = data.pbx("hq-cucm").orElseThrow();
        DecisionTrace trace = trace();
        List<Route> routes = new CarrierOrdering(() -> 0.0).routes(hq, "+13125550123", "+12125552001", q, candidates,
                data, unsigned(hq, data), trace);
        // B is cheapest but under the ASR floor: tried last; A (0.010) before C (0.012 at peak)
        assertThat(routes).extracting(Route::target).containsExactly("carrier-a", "carrier-c", "carrier-b");
        assertThat(routes.get(0).presentNumber()).isEqualTo("+12125552001");
        assertThat(routes.get(1).presentNumber()).isEqualTo("+12125550100");

        q.setFloorAction("DROP");
        q.setCallerId("PREFER_HOLDER");
        List<Route> dropped = new CarrierOrdering(() -> 0.0).routes(hq, "+13125550123", "+13125552001", q, candidates,
                data, unsigned(hq, data), trace());
        // B dropped; C holds +1312555... and goes first
        assertThat(dropped).extracting(Route::target).containsExactly("carrier-c", "carrier-a");
    }

    /** The attestation stage with a rulebook whose one row says not to sign. */
    private AttestationRouting unsigned(Pbx pbx, RoutingData data) {
        return new AttestationRouting(pbx, "DOMESTIC", false, data, q -> {
            q.setSign("no");
            q.attest("unsigned", "C");
            return q;
        }, trace());
    }

    @Test
    void weightedOrderFollowsTheRandomDraw() {
        RoutingData data = fixtures.build();
        PolicyQuery q = policy("DOMESTIC", "WEIGHTED", "carrier-a:1 carrier-b:3");
        List<Candidate> candidates = new CandidateFilter(DecisionSettings.DEFAULT).candidates("+13125550123", "US", q,
                data, trace(), PEAK);
        Pbx hq = data.pbx("hq-cucm").orElseThrow();
        assertThat(new CarrierOrdering(() -> 0.1).routes(hq, "+13125550123", null, q, candidates, data, unsigned(hq, data), trace()))
                .extracting(Route::target).containsExactly("carrier-a", "carrier-b");
        assertThat(new CarrierOrdering(() -> 0.5).routes(hq, "+13125550123", null, q, candidates, data, unsigned(hq, data), trace()))
                .extracting(Route::target).containsExactly("carrier-b", "carrier-a");
    }

    @Test
    void callingNumberIsTheExtensionsDidOrTheSitesDefault() {
        RoutingData data = fixtures.build();
        Pbx hq = data.pbx("hq-cucm").orElseThrow();
        assertThat(CallingNumberResolution.resolve(hq, "2001", data, trace())).isEqualTo("+12125552001");
        assertThat(CallingNumberResolution.resolve(hq, "2002", data, trace())).isEqualTo("+12125550100");
        assertThat(CallingNumberResolution.resolve(hq, "+442071234567", data, trace())).isEqualTo("+442071234567");
        assertThat(CallingNumberResolution.resolve(hq, "2125550199", data, trace())).isEqualTo("+12125550199");
        assertThat(CallingNumberResolution.resolve(hq, null, data, trace())).isEqualTo("+12125550100");
        assertThat(CallingNumberResolution.resolve(hq, "anonymous", data, trace())).isEqualTo("+12125550100");
    }

    @Test
    void emergencyTakesTheSitesGatewayFirstWhateverItsState() {
        RoutingData data = fixtures.state("e911-gateway", false, 10, null, null)
                .carrier("backup-911", EnumSet.of(Capability.EMERGENCY), Set.of("US"), 5, 1, 1, List.of(), "1/1",
                        "America/New_York", null)
                .build();
        Pbx hq = data.pbx("hq-cucm").orElseThrow();
        List<Route> routes = EmergencyRouting.routes(hq, "911", "+12125552001", data, trace());
        assertThat(routes).extracting(Route::target).containsExactly("e911-gateway", "backup-911");
        assertThat(routes.get(0).reason()).contains("designated emergency gateway of hq-cucm", "NYC-HQ-FL1");
        assertThat(routes.get(0).presentNumber()).isEqualTo("+12125550100");
    }

    @Test
    void inboundFindsTheDidsPbxOrTheDefaultDestination() {
        RoutingData data = fixtures.build();
        var did = InboundRouting.decide(new RouteRequest("c2", RouteRequest.Direction.INBOUND, "carrier-b", "14165550123",
                "13125552001", PEAK), data, trace(), DecisionSettings.DEFAULT, q -> q);
        assertThat(did.routes()).extracting(Route::target).containsExactly("branch-asterisk");
        assertThat(did.routes().get(0).uri()).isEqualTo("sip:2001@10.0.2.10:5060");
        assertThat(did.calling()).isEqualTo("+14165550123");
        var ivr = InboundRouting.decide(new RouteRequest("c3", RouteRequest.Direction.INBOUND, "carrier-a", null,
                "+12125559999", PEAK), data, trace(), DecisionSettings.DEFAULT, q -> q);
        assertThat(ivr.routes().get(0).reason()).isEqualTo("default inbound destination");
        var wrongCarrier = InboundRouting.decide(new RouteRequest("c4", RouteRequest.Direction.INBOUND, "carrier-a",
                "14165550123", "13125552001", PEAK), data, trace(), DecisionSettings.DEFAULT, q -> q);
        assertThat(wrongCarrier.verdict()).isEqualTo(io.trunkline.contract.routing.RouteDecision.Verdict.REJECT);
        assertThat(wrongCarrier.sipCode()).isEqualTo(404);
        assertThat(wrongCarrier.reason()).isEqualTo("DID +13125552001 is held by carrier-b, not carrier-a");
    }

    @Test
    void trunkUrisGetTheDialedUserPart() {
        assertThat(DecisionTrace.withUser("sip:gw.example:5060", "+15551234")).isEqualTo("sip:+15551234@gw.example:5060");
        assertThat(DecisionTrace.withUser("sip:x@gw.example", "1")).isEqualTo("sip:x@gw.example");
        assertThat(DecisionTrace.withUser(null, "1")).isNull();
    }

    @Test
    void orderingFailsOnAStrategyItDoesNotKnowInsteadOfOrderingByPriority() {
        RoutingData data = fixtures.build();
        Pbx hq = data.pbx("hq-cucm").orElseThrow();
        PolicyQuery priority = policy("DOMESTIC", "PRIORITY", "carrier-c carrier-a");
        List<Candidate> candidates = new CandidateFilter(DecisionSettings.DEFAULT).candidates("+13125550123", "US",
                priority, data, trace(), PEAK);
        assertThat(new CarrierOrdering(() -> 0.0).routes(hq, "+13125550123", null, priority, candidates, data, unsigned(hq, data), trace()))
                .extracting(Route::target).containsExactly("carrier-c", "carrier-a");

        // Uploads refuse "LEAST_COSt"; a version stored before that check must not route by priority unnoticed.
        PolicyQuery typo = policy("DOMESTIC", "LEAST_COSt", "carrier-c carrier-a");
        assertThatThrownBy(() -> new CarrierOrdering(() -> 0.0).routes(hq, "+13125550123", null, typo, candidates, data,
                unsigned(hq, data), trace())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'LEAST_COSt'").hasMessageContaining("LEAST_COST, PRIORITY, WEIGHTED, REJECT");
    }
}
