package io.trunkline.edge.routing;

import io.trunkline.contract.json.Json;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.routing.RoutingCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Asks the platform for a decision ({@code POST /api/v1/decisions/route}) with the node's own credential
 * and a short timeout. A request the platform refuses as undecidable becomes a SIP refusal (484 for a
 * called number it cannot read, 403 otherwise); a timeout, an I/O error or a 5xx is
 * {@link PlatformUnavailable}, for the fallback to decide.
 */
public final class PlatformRoutingClient {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlatformRoutingClient.class);

    private final HttpClient http;
    private final URI uri;
    private final String authorization;
    private final Duration timeout;

    public PlatformRoutingClient(String baseUrl, String user, String password, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).build();
        this.uri = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v1/decisions/route");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    /**
     * Readies the HTTP client before the first call needs it: class loading, opening connections and the
     * platform's first authentication of this node take longer than a decision's timeout, so the first calls
     * after a node starts would otherwise fall back. Sends {@code connections} decision requests at once, with
     * the node's credential, for a source no PBX has (so the platform answers 400 and decides nothing), again
     * every 5 s until the platform answers.
     */
    public void warmUp(int connections) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> replies = new java.util.ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    String warm = "{\"callId\":\"warm-up-" + i + "\",\"source\":\"-\",\"calling\":\"0\",\"called\":\"0\"}";
                    replies.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                            .header("Authorization", authorization).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(warm)).build(), HttpResponse.BodyHandlers.discarding()));
                }
                try {
                    java.util.concurrent.CompletableFuture.allOf(replies.toArray(new java.util.concurrent.CompletableFuture[0])).join();
                    LOG.info("platform at {} reached; {} connection(s) open for decisions", uri.getAuthority(), connections);
                    return;
                } catch (RuntimeException e) {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }, "platform-warm-up");
        t.setDaemon(true);
        t.start();
    }

    public RouteDecision decide(RouteRequest request) throws PlatformUnavailable {
        return decide(request, timeout);
    }

    /** As {@link #decide(RouteRequest)}, waiting up to {@code budget} instead of the node's decision timeout. */
    public RouteDecision decide(RouteRequest request, Duration budget) throws PlatformUnavailable {
        HttpRequest post = HttpRequest.newBuilder(uri).timeout(budget)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RoutingCodec.write(request))).build();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformUnavailable("platform unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailable("interrupted waiting for the platform", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                return RoutingCodec.readDecision(response.body());
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new PlatformUnavailable("platform answered something that is not a decision: " + e.getMessage(), e);
            }
        }
        if (status == 400) {
            String field = field(response.body());
            int sip = "called".equals(field) ? 484 : 403;
            return new RouteDecision(request.callId(), RouteDecision.Verdict.REJECT, sip, message(response.body()), null,
                    request.called(), request.calling(), List.of(), List.of(), 0, Map.of(), List.of(
                    "platform refused the request (" + field + "): " + message(response.body())), Instant.now());
        }
        throw new PlatformUnavailable("platform answered HTTP " + status, null);
    }

    private static String field(String body) {
        try {
            Object f = Json.parseObject(body).get("field");
            return f == null ? "request" : f.toString();
        } catch (IllegalArgumentException e) {
            return "request";
        }
    }

    private static String message(String body) {
        try {
            Object m = Json.parseObject(body).get("message");
            return m == null ? body : m.toString();
        } catch (IllegalArgumentException e) {
            return body;
        }
    }
}
