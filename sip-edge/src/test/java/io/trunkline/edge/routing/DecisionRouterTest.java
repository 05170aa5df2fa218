package io.trunkline.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.routing.RoutingCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge's routing layer against a real HTTP server standing in for the platform (the platform itself
 * answers the same client in the system tests): decisions, refusals, slow and failing platform, fallback
 * and the emergency route.
 */
class DecisionRouterTest {

    /** A budget for tests of what the platform answers, not of how fast: a loaded machine must not make them fall back. */
    private static final Duration UNHURRIED = Duration.ofSeconds(10);

    private HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private final AtomicReference<String> seenAuthorization = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private DecisionRouter router;

    record Answer(int status, String body, long delayMs) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/decisions/route", exchange -> {
            seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer a = answer.get();
            try {
                Thread.sleep(a.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        router = router("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static DecisionRouter router(String url) {
        return new DecisionRouter(new PlatformRoutingClient(url, "edge-1", "secret", Duration.ofMillis(250)),
                new FallbackRouting(Set.of("911", "112"), List.of("sip:e911.example.net:5060"),
                        List.of("sip:carrier-a.example.net:5060", "sip:carrier-b.example.net:5060"),
                        List.of(408, 503), 2000));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static RouteRequest call(String called) {
        return new RouteRequest("call-7", RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001", called, null);
    }

    @Test
    void platformDecides() {
        RouteDecision d = new RouteDecision("call-7", RouteDecision.Verdict.ROUTE, null, "RoutingPolicy_14 PRIORITY",
                "INTERNATIONAL", "+442071234567", "+12125552001", List.of(new Route("carrier-a", Route.Kind.CARRIER,
                "sip:+442071234567@carrier-a.example.net:5060", "+12125552001", null, "USD", "PRIORITY position 1")),
                List.of(503), 2000, Map.of("routing", "routing@1"), List.of("row"), Instant.parse("2026-12-01T15:00:00Z"));
        answer.set(new Answer(200, RoutingCodec.write(d), 0));
        RoutingPort.Decided decided = router.decide(call("9011442071234567"), UNHURRIED);
        assertThat(decided.source()).isEqualTo(RoutingPort.Source.PLATFORM);
        assertThat(decided.decision()).isEqualTo(d);
        assertThat(seenAuthorization.get()).isEqualTo("Basic ZWRnZS0xOnNlY3JldA==");
        assertThat(seenBody.get()).contains("\"called\":\"9011442071234567\"");
    }

    @Test
    void undecidableCalledNumberBecomes484() {
        answer.set(new Answer(400, "{\"error\":\"invalid_request\",\"message\":\"called: not E.164\",\"field\":\"called\"}", 0));
        RoutingPort.Decided decided = router.decide(call("9011449"), UNHURRIED);
        assertThat(decided.source()).isEqualTo(RoutingPort.Source.PLATFORM);
        assertThat(decided.decision().verdict()).isEqualTo(RouteDecision.Verdict.REJECT);
        assertThat(decided.decision().sipCode()).isEqualTo(484);
    }

    @Test
    void slowPlatformLeavesTheCallToTheFallback() {
        answer.set(new Answer(200, "{}", 3_000));
        long start = System.nanoTime();
        RoutingPort.Decided decided = router.decide(call("9011442071234567"));
        assertThat(decided.source()).isEqualTo(RoutingPort.Source.FALLBACK);
        assertThat(decided.decision().routes()).extracting(Route::uri)
                .containsExactly("sip:9011442071234567@carrier-a.example.net:5060", "sip:9011442071234567@carrier-b.example.net:5060");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the 250 ms timeout applied, not the platform's delay")
                .isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aLongerBudgetWaitsForASlowPlatformWhoseAnswerALiveCallWouldNotGet() {
        RouteDecision d = new RouteDecision("call-7", RouteDecision.Verdict.ROUTE, null, "RoutingPolicy_14 PRIORITY",
                "INTERNATIONAL", "+442071234567", "+12125552001", List.of(new Route("carrier-a", Route.Kind.CARRIER,
                "sip:+442071234567@carrier-a.example.net:5060", "+12125552001", null, "USD", "PRIORITY position 1")),
                List.of(503), 2000, Map.of("routing", "routing@1"), List.of("row"), Instant.parse("2026-12-01T15:00:00Z"));
        answer.set(new Answer(200, RoutingCodec.write(d), 600));
        RoutingPort.Decided live = router.decide(call("9011442071234567"));
        assertThat(live.source()).as("250 ms: too slow for a live call").isEqualTo(RoutingPort.Source.FALLBACK);
        RoutingPort.Decided unhurried = router.decide(call("9011442071234567"), UNHURRIED);
        assertThat(unhurried.source()).as("an unhurried budget: the platform's answer is taken").isEqualTo(RoutingPort.Source.PLATFORM);
        assertThat(unhurried.decision().routes()).extracting(Route::target).containsExactly("carrier-a");
    }

    @Test
    void failingOrStoppedPlatformStillRoutesAndEmergencyAlwaysRoutes() {
        answer.set(new Answer(503, "busy", 0));
        assertThat(router.decide(call("92125551234")).source()).isEqualTo(RoutingPort.Source.FALLBACK);
        server.stop(0);
        RoutingPort.Decided emergency = router.decide(call("911"));
        assertThat(emergency.source()).isEqualTo(RoutingPort.Source.STATIC_EMERGENCY);
        assertThat(emergency.decision().routes()).extracting(Route::uri).containsExactly("sip:911@e911.example.net:5060");
        assertThat(emergency.decision().callClass()).isEqualTo("EMERGENCY");
    }

    @Test
    void withThePlatformDownThePushedTableRoutesInE164AndTheConfiguredTrunksCatchTheRest() {
        io.trunkline.contract.routing.FallbackTable table = new io.trunkline.contract.routing.FallbackTable("hq-cucm",
                "2026-11-26T10:00:00Z", List.of(new io.trunkline.contract.routing.FallbackTable.Entry("901144", "+44",
                "INTERNATIONAL", List.of(new io.trunkline.contract.routing.FallbackTable.Target("carrier-a", "sip:a.example.net:5060"),
                new io.trunkline.contract.routing.FallbackTable.Target("carrier-b", "sip:b.example.net:5060;transport=tls")))));
        server.stop(0);
        DecisionRouter withTable = new DecisionRouter(new PlatformRoutingClient("http://127.0.0.1:" + server.getAddress().getPort(),
                "edge-1", "secret", Duration.ofMillis(250)), new FallbackRouting(Set.of("911"), List.of("sip:e911.example.net:5060"),
                List.of("sip:carrier-a.example.net:5060"), List.of(503), 2000,
                pbx -> "hq-cucm".equals(pbx.value()) ? java.util.Optional.of(table) : java.util.Optional.empty()));
        RoutingPort.Decided london = withTable.decide(call("9011442071234567"));
        assertThat(london.source()).isEqualTo(RoutingPort.Source.FALLBACK);
        assertThat(london.decision().called()).isEqualTo("+442071234567");
        assertThat(london.decision().callClass()).isEqualTo("INTERNATIONAL");
        assertThat(london.decision().routes()).extracting(Route::target).containsExactly("carrier-a", "carrier-b");
        assertThat(london.decision().routes()).extracting(Route::uri).containsExactly("sip:+442071234567@a.example.net:5060",
                "sip:+442071234567@b.example.net:5060;transport=tls");
        RoutingPort.Decided other = withTable.decide(call("92125551234"));
        assertThat(other.decision().routes()).as("no entry: the node's configured trunks, number as dialed")
                .extracting(Route::uri).containsExactly("sip:92125551234@carrier-a.example.net:5060");
        assertThat(withTable.decide(call("911")).source()).isEqualTo(RoutingPort.Source.STATIC_EMERGENCY);
    }

    @Test
    void answerThatIsNotADecisionLeavesTheCallToTheFallback() {
        answer.set(new Answer(200, "<html>proxy error</html>", 0));
        assertThat(router.decide(call("92125551234")).source()).isEqualTo(RoutingPort.Source.FALLBACK);
    }
}
