package io.trunkline.ejb.calls.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.ejb.calls.api.CallRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LadderAssemblyTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final Map<String, String> VERSIONS = Map.of("dialplan", "dialplan@1", "classification",
            "classification@1", "routing", "routing@2", "attestation", "attestation@1");

    private final List<RouteRequest> asked = new ArrayList<>();

    /** Decides again by returning a fixed decision, recording the request. */
    private CallRecords.LadderDecision again(RouteRequest request) {
        asked.add(request);
        return new CallRecords.LadderDecision(CallRecords.RE_DERIVED, VERSIONS,
                decision(request.callId(), request.at(), "routing@2"), List.of("every carrier's live state taken as neutral"));
    }

    @Test
    void aFailedOverCallReadsTopToBottom() {
        CallRecord r = failedOver("c1@pbx");
        CallRecords.Ladder l = LadderAssembly.assemble(r, Optional.of(decision("c1@pbx", AT.plusMillis(3), "routing@1")),
                this::again);

        assertThat(l.call().callingDialed()).isEqualTo("2001");
        assertThat(l.call().callingNormalized()).isEqualTo("+12125552001");
        assertThat(l.call().calledDialed()).isEqualTo("9011442071234567");
        assertThat(l.call().calledNormalized()).isEqualTo("+442071234567");
        assertThat(l.call().pbx()).isEqualTo("hq-cucm");
        assertThat(l.call().callClass()).isEqualTo("INTERNATIONAL");
        assertThat(l.call().direction()).isEqualTo("OUTBOUND");
        assertThat(l.decision().traceSource()).isEqualTo(CallRecords.LOGGED);
        assertThat(l.decision().versions()).containsEntry("routing", "routing@1");
        assertThat(l.decision().decision().trace()).containsExactly("RoutingPolicy row 7: INTERNATIONAL from hq-cucm");
        assertThat(asked).as("a logged decision is not made again").isEmpty();
        assertThat(l.attempts()).extracting(a -> a.n() + " " + a.carrier() + " " + a.sipCode() + " " + a.pddMs() + " "
                + a.answerMs() + " " + a.result()).containsExactly(
                "1 carrier-a 503 null 12 failed over",
                "2 carrier-b 200 180 900 answered");
        assertThat(l.attempts().get(1).uri()).isEqualTo("sip:+442071234567@10.0.0.2");
        assertThat(l.attempts().get(1).signed()).isEqualTo("A");
        assertThat(l.answer().by()).isEqualTo("carrier-b");
        assertThat(l.answer().afterMs()).isEqualTo(912);
        assertThat(l.end().releaseCode()).isEqualTo(200);
        assertThat(l.end().releasedBy()).isEqualTo("PBX");
        assertThat(l.end().durationMs()).isEqualTo(60_088);
        assertThat(l.end().outcome()).isEqualTo("answered");
    }

    @Test
    void withoutALoggedDecisionTheCallIsDecidedAgainAsTheEdgeAskedForIt() {
        CallRecords.Ladder l = LadderAssembly.assemble(failedOver("c2@pbx"), Optional.empty(), this::again);

        assertThat(l.decision().traceSource()).isEqualTo(CallRecords.RE_DERIVED);
        assertThat(l.decision().versions()).containsEntry("routing", "routing@2");
        assertThat(l.decision().notes()).first().asString().contains("not in the platform's log");
        assertThat(l.decision().notes()).contains("every carrier's live state taken as neutral");
        assertThat(asked).singleElement().satisfies(q -> {
            assertThat(q.callId()).isEqualTo("c2@pbx");
            assertThat(q.direction()).isEqualTo(RouteRequest.Direction.OUTBOUND);
            assertThat(q.source()).isEqualTo("hq-cucm");
            assertThat(q.calling()).isEqualTo("2001");
            assertThat(q.called()).isEqualTo("9011442071234567");
            assertThat(q.at()).isEqualTo(AT);
        });
    }

    @Test
    void aLoggedDecisionOfAnotherCallWithTheSameIdIsNotBorrowed() {
        RouteDecision dayBefore = decision("c3@pbx", AT.minusSeconds(86_400), "routing@1");
        CallRecords.Ladder l = LadderAssembly.assemble(failedOver("c3@pbx"), Optional.of(dayBefore), this::again);
        assertThat(l.decision().traceSource()).isEqualTo(CallRecords.RE_DERIVED);
        assertThat(asked).hasSize(1);
    }

    @Test
    void anInboundCallIsDecidedAgainFromItsCarrierWithItsVerification() {
        IdentityCheck passed = new IdentityCheck("TN-Validation-Passed", null, null, Attestation.A);
        CallRecord r = new CallRecord("in@carrier", "edge-1", "hq-cucm", "+12125550100", "+12125552001",
                "+12125550100", "+12125552001", "INBOUND", "PLATFORM",
                List.of(new CallRecord.Attempt("hq-cucm", "sip:2001@10.1.0.1", 486, 150L, 2_000L)),
                AT, null, AT.plusSeconds(2), 486, "PBX", "INBOUND", "carrier-b", passed);
        CallRecords.Ladder l = LadderAssembly.assemble(r, Optional.empty(), this::again);

        assertThat(asked).singleElement().satisfies(q -> {
            assertThat(q.direction()).isEqualTo(RouteRequest.Direction.INBOUND);
            assertThat(q.source()).isEqualTo("carrier-b");
            assertThat(q.identity()).isEqualTo(passed);
        });
        assertThat(l.call().identity()).isEqualTo(passed);
        assertThat(l.answer()).isNull();
        assertThat(l.attempts()).singleElement().extracting(CallRecords.LadderAttempt::result).isEqualTo("last tried");
        assertThat(l.end().outcome()).isEqualTo("busy");
    }

    @Test
    void aCallThatCannotBeDecidedAgainSaysWhy() {
        CallRecords.Ladder l = LadderAssembly.assemble(failedOver("c4@pbx"), Optional.empty(), request -> {
            throw new IllegalStateException("source: unknown PBX 'hq-cucm'");
        });
        assertThat(l.decision().traceSource()).isEqualTo(CallRecords.UNAVAILABLE);
        assertThat(l.decision().decision()).isNull();
        assertThat(l.decision().notes()).singleElement().asString().contains("unknown PBX 'hq-cucm'");
        assertThat(l.attempts()).as("the rest of the ladder is there").hasSize(2);
    }

    @Test
    void aRefusedCallHasNoAttemptsNoAnswerAndTheDecisionsCode() {
        CallRecord r = new CallRecord("refused@pbx", "edge-1", "hq-cucm", "2001", "900123", "+12125552001", null,
                "PREMIUM", "PLATFORM", List.of(), AT, null, AT.plusMillis(40), 403, "EDGE", "OUTBOUND", "hq-cucm");
        CallRecords.Ladder l = LadderAssembly.assemble(r, Optional.empty(), this::again);
        assertThat(l.attempts()).isEmpty();
        assertThat(l.answer()).isNull();
        assertThat(l.end().outcome()).isEqualTo("refused");
        assertThat(l.end().releasedBy()).isEqualTo("EDGE");
        assertThat(l.end().releaseCode()).isEqualTo(403);
    }

    @Test
    void aFallbackCallsLadderSaysTheEdgeDidNotFollowThePlatform() {
        CallRecord fallback = new CallRecord("fb@pbx", "edge-1", "hq-cucm", "2001", "9011442071234567", null, null, null,
                "FALLBACK", List.of(new CallRecord.Attempt("carrier-a", "sip:x@10.0.0.1", 200, 100L, 300L)), AT,
                AT.plusMillis(400), AT.plusSeconds(5), 200, "CARRIER", "OUTBOUND", "hq-cucm");
        CallRecords.Ladder l = LadderAssembly.assemble(fallback, Optional.empty(), this::again);
        assertThat(l.decision().notes()).last().asString().contains("FALLBACK");
    }

    @Test
    void aRecordWithoutACalledNumberIsNotDecidedAgain() {
        CallRecord r = new CallRecord("odd@pbx", "edge-1", "hq-cucm", "2001", null, null, null, null, null, List.of(),
                AT, null, AT, 400, "EDGE", "OUTBOUND", "hq-cucm");
        CallRecords.Ladder l = LadderAssembly.assemble(r, Optional.empty(), this::again);
        assertThat(l.decision().traceSource()).isEqualTo(CallRecords.UNAVAILABLE);
        assertThat(asked).isEmpty();
    }

    private static CallRecord failedOver(String callId) {
        return new CallRecord(callId, "edge-1", "hq-cucm", "2001", "9011442071234567", "+12125552001", "+442071234567",
                "INTERNATIONAL", "PLATFORM",
                List.of(new CallRecord.Attempt("carrier-a", "sip:+442071234567@10.0.0.1", 503, null, 12L),
                        new CallRecord.Attempt("carrier-b", "sip:+442071234567@10.0.0.2", 200, 180L, 900L, "A", "A")),
                AT, AT.plusMillis(912), AT.plusSeconds(61), 200, "PBX", "OUTBOUND", "hq-cucm");
    }

    private static RouteDecision decision(String callId, Instant at, String routing) {
        return new RouteDecision(callId, RouteDecision.Verdict.ROUTE, null, "RoutingPolicy row 7 LEAST_COST",
                "INTERNATIONAL", "+442071234567", "+12125552001",
                List.of(new Route("carrier-a", Route.Kind.CARRIER, "sip:+442071234567@10.0.0.1", "+12125552001", null,
                        null, "cheapest")),
                List.of(503), 2000, Map.of("routing", routing), List.of("RoutingPolicy row 7: INTERNATIONAL from hq-cucm"),
                at);
    }
}
