package io.trunkline.contract.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
