package io.trunkline.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.trunkline.contract.routing.RouteRequest;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The decision client's warm-up and its question, against the JDK's HTTP server answering as the platform does. */
class PlatformRoutingClientTest {

    @Test
    void warmUpOpensEveryConnectionAtOnceAndKeepsThem() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        Set<String> peers = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        server.setExecutor(handlers);
        // The warm-up's answers are held until all three have arrived (2 s at most): requests sent one after another
        // on one connection would never all be in at once, so the test does not depend on how fast each is answered.
        java.util.concurrent.CountDownLatch allIn = new java.util.concurrent.CountDownLatch(3);
        server.createContext("/api/v1/decisions/route", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"source\":\"-\"") && "Basic ZWRnZS0xOnM=".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                requests.incrementAndGet();
                peers.add(exchange.getRemoteAddress().toString());
                if (body.contains("warm-up-")) {
                    allIn.countDown();
                    try {
                        allIn.await(2, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            byte[] out = "{\"error\":\"invalid_request\",\"message\":\"source: unknown PBX '-'\",\"field\":\"source\",\"status\":400}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        try (PlatformRoutingClient client = new PlatformRoutingClient("http://127.0.0.1:" + server.getAddress().getPort(),
                "edge-1", "s", Duration.ofSeconds(2))) {
            Thread warmUp = client.warmUp(3);
            warmUp.join(30_000);
            assertThat(warmUp.isAlive()).as("the warm-up got its three answers").isFalse();
            assertThat(requests.get()).isEqualTo(3);
            assertThat(peers).as("one connection per request, at once").hasSize(3);
            for (int i = 0; i < 3; i++) {
                client.decide(new RouteRequest("c-" + i, RouteRequest.Direction.OUTBOUND, "-", "0", "0", null));
            }
            assertThat(peers).as("the calls' decisions on the connections the warm-up opened").hasSize(3);
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void asksWithoutTheTraceAndReadsTheDecisionWithoutIt() throws Exception {
        Set<String> queries = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/decisions/route", exchange -> {
            exchange.getRequestBody().readAllBytes();
            queries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
            byte[] out = ("{\"callId\":\"c-1\",\"verdict\":\"ROUTE\",\"reason\":\"RoutingPolicy_14 PRIORITY\","
                    + "\"callClass\":\"INTERNATIONAL\",\"called\":\"+442071234567\",\"calling\":\"+12125552001\","
                    + "\"routes\":[{\"target\":\"carrier-a\",\"kind\":\"CARRIER\",\"uri\":\"sip:+442071234567@carrier-a.example.net\","
                    + "\"presentNumber\":\"+12125552001\",\"ratePerMinute\":\"0.012000\",\"currency\":\"USD\",\"reason\":\"p1\"}],"
                    + "\"failoverCodes\":[503],\"attemptTimeoutMs\":2000,\"rulebookVersions\":{\"routing\":\"routing@1\"},"
                    + "\"decidedAt\":\"2026-12-06T18:48:35.837481844Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        try (PlatformRoutingClient client = new PlatformRoutingClient("http://127.0.0.1:" + server.getAddress().getPort(),
                "edge-1", "s", Duration.ofSeconds(2))) {
            var d = client.decide(new RouteRequest("c-1", RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001", "9011442071234567", null));
            assertThat(queries).containsExactly("trace=false");
            assertThat(d.routes()).hasSize(1);
            assertThat(d.routes().get(0).target()).isEqualTo("carrier-a");
            assertThat(d.trace()).isEmpty();
            assertThat(d.rulebookVersions()).containsEntry("routing", "routing@1");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void logsInOnceThenAsksWithItsTokenAndLogsInAgainWhenTheTokenIsRefused() throws Exception {
        java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<String> valid = new java.util.concurrent.atomic.AtomicReference<>("t-1");
        AtomicInteger issued = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/decisions/route", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(auth);
            int status;
            if ("Basic ZWRnZS0xOnM=".equals(auth)) {
                // As the platform does: a login of an edge node is answered with a token.
                valid.set("t-" + issued.incrementAndGet());
                exchange.getResponseHeaders().add("Trunkline-Decision-Token", valid.get());
                status = 400;
            } else {
                status = ("Bearer " + valid.get()).equals(auth) ? 400 : 401;
            }
            byte[] out = (status == 401 ? "{\"error\":\"unauthorized\",\"status\":401}"
                    : "{\"error\":\"invalid_request\",\"message\":\"source: unknown PBX '-'\",\"field\":\"source\",\"status\":400}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        try (PlatformRoutingClient client = new PlatformRoutingClient("http://127.0.0.1:" + server.getAddress().getPort(),
                "edge-1", "s", Duration.ofSeconds(2))) {
            assertThat(client.hasToken()).isFalse();
            for (int i = 0; i < 3; i++) {
                assertThat(client.decide(new RouteRequest("c-" + i, RouteRequest.Direction.OUTBOUND, "-", "0", "0", null))
                        .sipCode()).as("refused by the platform as a PBX it does not know, not as a login").isEqualTo(403);
            }
            assertThat(seen).containsExactly("Basic ZWRnZS0xOnM=", "Bearer t-1", "Bearer t-1");
            assertThat(client.hasToken()).isTrue();

            valid.set("t-restarted"); // the platform restarted and forgot every token
            seen.clear();
            assertThat(client.decide(new RouteRequest("c-9", RouteRequest.Direction.OUTBOUND, "-", "0", "0", null))
                    .sipCode()).isEqualTo(403);
            client.decide(new RouteRequest("c-10", RouteRequest.Direction.OUTBOUND, "-", "0", "0", null));
            assertThat(seen).as("the refused token, the login again within the same call, then the new token")
                    .containsExactly("Bearer t-1", "Basic ZWRnZS0xOnM=", "Bearer t-2");
        } finally {
            server.stop(0);
        }
    }
}
