package io.trunkline.contract.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.telecom.Attestation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingCodecTest {

    @Test
    void decisionRoundTrips() {
        RouteDecision d = new RouteDecision("c-1", RouteDecision.Verdict.ROUTE, null, "RoutingPolicy_14 PRIORITY",
                "INTERNATIONAL", "+442071234567", "+12125552001",
                List.of(new Route("carrier-a", Route.Kind.CARRIER, "sip:+442071234567@a.example.net", "+12125552001",
                        new BigDecimal("0.012000"), "USD", "PRIORITY position 1"),
                        new Route("hq-cucm", Route.Kind.PBX, "sip:2000@10.0.1.10", null, null, null, "default")),
                List.of(408, 503), 2000, Map.of("routing", "routing@1"), List.of("a \"quoted\" line"),
                Instant.parse("2026-12-01T15:00:00Z"));
        assertThat(RoutingCodec.readDecision(RoutingCodec.write(d))).isEqualTo(d);

        RouteDecision reject = new RouteDecision("c-2", RouteDecision.Verdict.REJECT, 403, "barred", "PREMIUM",
                "+19005550100", null, List.of(), List.of(), 0, Map.of(), List.of(), null);
        assertThat(RoutingCodec.readDecision(RoutingCodec.write(reject))).isEqualTo(reject);
    }

    @Test
    void signingsAndExpectedAttestationsRoundTripAndEachRouteIsSignedAsItSays() {
        Signing a = new Signing(Attestation.A, "2a0c1b9e-3f1d-3b8f-9a77-0d8c3c6b1e21", "Attestation_14");
        Signing b = new Signing(Attestation.B, "2a0c1b9e-3f1d-3b8f-9a77-0d8c3c6b1e21", "Attestation_13");
        Route viaA = new Route("carrier-a", Route.Kind.CARRIER, "sip:+13125550199@a.example.net", "+12125552001",
                new BigDecimal("0.0100"), "USD", "LEAST_COST position 1", a, Attestation.A);
        Route viaB = new Route("carrier-b", Route.Kind.CARRIER, "sip:+13125550199@b.example.net", "+12125550100",
                new BigDecimal("0.0062"), "USD", "LEAST_COST position 2", null, Attestation.B);
        RouteDecision d = new RouteDecision("c-4", RouteDecision.Verdict.ROUTE, null, "RoutingPolicy_10 LEAST_COST",
                "DOMESTIC", "+13125550199", "+12125552001", List.of(viaA, viaB), List.of(503), 2000, Map.of(),
                List.of(), null, a);
        RouteDecision read = RoutingCodec.readDecision(RoutingCodec.write(d));
        assertThat(read).isEqualTo(d);
        assertThat(read.signingFor(read.routes().get(0))).isEqualTo(a);
        assertThat(read.signingFor(read.routes().get(1))).as("routes sign on their own: B's says unsigned").isNull();
        RouteDecision decisionOnly = new RouteDecision("c-5", RouteDecision.Verdict.ROUTE, null, "", "DOMESTIC",
                "+13125550199", "+12125552001", List.of(new Route("carrier-b", Route.Kind.CARRIER, "sip:b", "+1", null,
                null, "")), List.of(), 0, Map.of(), List.of(), null, b);
        assertThat(decisionOnly.signingFor(decisionOnly.routes().get(0))).as("no route signs: the decision's").isEqualTo(b);
    }

    @Test
    void requestIsWrittenAsThePlatformReadsIt() {
        String json = RoutingCodec.write(new RouteRequest("c-3", RouteRequest.Direction.INBOUND, "carrier-b",
                "+14165550123", "+12125559999", null));
        assertThat(json).isEqualTo("{\"callId\":\"c-3\",\"direction\":\"INBOUND\",\"source\":\"carrier-b\","
                + "\"calling\":\"+14165550123\",\"called\":\"+12125559999\"}");
    }

    @Test
    void notADecisionIsRefused() {
        assertThatThrownBy(() -> RoutingCodec.readDecision("{\"verdict\":\"ROUTE\"}")).hasMessageContaining("callId is missing");
    }
}
