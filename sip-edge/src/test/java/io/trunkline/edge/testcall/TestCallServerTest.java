package io.trunkline.edge.testcall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.contract.testcall.TestCallCodec;
import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.config.TestCallSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint's answers against the JDK's HTTP client, with the call placed by a stand-in originator. */
class TestCallServerTest {

    private static final String TOKEN = "s3cr3t-t0ken-of-24-chars";
    private static final Map<String, Peer> PEERS = Map.of("carrier-a", new Peer.Carrier(new CarrierId("carrier-a")),
            "hq-cucm", new Peer.Pbx(new PbxId("hq-cucm")));

    private final List<TestCallRequest> placed = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<TestCallResult>> pending = new CopyOnWriteArrayList<>();
    private final TestCallServer server = start();
    private final HttpClient http = HttpClient.newHttpClient();

    private TestCallServer start() {
        try {
            return TestCallServer.start(new TestCallSettings(0, "127.0.0.1", TOKEN, 1), (request, source) -> {
                placed.add(request);
                CompletableFuture<TestCallResult> f = new CompletableFuture<>();
                pending.add(f);
                return f;
            }, (id, carrier) -> Optional.ofNullable(PEERS.get(id)).filter(p -> (p instanceof Peer.Carrier) == carrier));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String request(String direction, String source) {
        return TestCallCodec.write(new TestCallRequest("port-1", RouteRequest.Direction.valueOf(direction), source,
                "+14165550123", "+12125552001", Set.of()));
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + TestCallServer.PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTheTokenNothingIsReadOrPlaced() throws Exception {
        HttpResponse<String> none = post(null, request("INBOUND", "carrier-a"));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"trunkline-edge\"");
        HttpResponse<String> wrong = post(TOKEN + "x", request("INBOUND", "carrier-a"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertThat(placed).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() throws Exception {
        HttpResponse<String> json = post(TOKEN, "{\"id\":");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).startsWith("{\"error\":\"invalid_request\",\"field\":\"body\",\"message\":");
        HttpResponse<String> hold = post(TOKEN, request("INBOUND", "carrier-a").replace("\"holdMs\":1000", "\"holdMs\":-5"));
        assertThat(hold.statusCode()).isEqualTo(400);
        assertThat(hold.body()).contains("\"field\":\"holdMs\"");
        HttpResponse<String> unknown = post(TOKEN, request("INBOUND", "carrier-z"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"field\":\"source\"", "carrier-z is not a configured carrier");
        assertThat(post(TOKEN, request("INBOUND", "hq-cucm")).statusCode()).as("a PBX is no carrier").isEqualTo(404);
        assertThat(post(TOKEN, "{\"id\":\"" + "x".repeat(64 * 1024) + "\"}").statusCode()).isEqualTo(413);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + TestCallServer.PATH)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(placed).isEmpty();
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return post(TOKEN, body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitPlaced(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pending.size() < n && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(pending).hasSize(n);
    }

    @Test
    void theOutcomeIsAnsweredWhenTheCallEndsAndCallsBeyondTheLimitWait() throws Exception {
        CompletableFuture<HttpResponse<String>> first = postAsync(request("OUTBOUND", "hq-cucm"));
        awaitPlaced(1);
        assertThat(placed).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("hq-cucm"));
        HttpResponse<String> busy = post(TOKEN, request("OUTBOUND", "hq-cucm"));
        assertThat(busy.statusCode()).as("max-concurrent 1, one running").isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).isPresent();

        TestCallResult result = new TestCallResult("port-1", "c-1@192.0.2.1", TestCallResult.Outcome.ANSWERED, 200,
                "carrier-b", 320L, List.of(new TestCallResult.Attempt("carrier-b", 200, false, null)), "answered");
        pending.get(0).complete(result);
        HttpResponse<String> done = first.get(10, TimeUnit.SECONDS);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(TestCallCodec.readResult(done.body())).isEqualTo(result);

        CompletableFuture<HttpResponse<String>> second = postAsync(request("INBOUND", "carrier-a"));
        awaitPlaced(2);
        pending.get(1).complete(result);
        assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).as("the slot is free again").isEqualTo(200);
    }

    @Test
    void aPortThatCannotBeBoundIsReportedByItsKeys() {
        TestCallSettings taken = new TestCallSettings(server.port(), "127.0.0.1", TOKEN, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestCallServer.start(taken, (r, p) -> null,
                (id, carrier) -> Optional.empty())).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("testcalls.bind 127.0.0.1, testcalls.port " + server.port());
    }
}
