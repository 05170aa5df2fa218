package io.trunkline.edge.routing;

import io.trunkline.contract.json.Json;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.routing.RoutingCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks the platform for a decision ({@code POST /api/v1/decisions/route}) with the node's own credential
 * and a short timeout. The node logs in with HTTP Basic until an answer gives it a decision token, then asks with
 * {@code Authorization: Bearer} (the platform checks a token for a fraction of a login's CPU) and takes each newer
 * token an answer brings; a 401 to a token (ended, or a platform restarted since) is asked again at once with Basic,
 * within the same budget. A request the platform refuses as undecidable becomes a SIP refusal (484 for a
 * called number it cannot read, 403 otherwise); a timeout, an I/O error or a 5xx is
 * {@link PlatformUnavailable}, for the fallback to decide.
 */
public final class PlatformRoutingClient implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlatformRoutingClient.class);

    private final PlatformHttp http;
    private final URI uri;
    private final String path;
    private final String basic;
    /** {@code Bearer <token>} once an answer gave one, null until then and after the platform refused it. */
    private final AtomicReference<String> bearer = new AtomicReference<>();
    private final Duration timeout;

    public PlatformRoutingClient(String baseUrl, String user, String password, Duration timeout) {
        this.uri = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v1/decisions/route");
        // Without the decision's trace: the node routes on the rest, and the platform keeps the trace in its
        // recent-decisions log (GET /api/v1/decisions/{callId}); it is about half of an answer's bytes.
        this.path = uri.getRawPath() + "?trace=false";
        this.http = new PlatformHttp(uri);
        this.basic = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    /**
     * Readies the connections before the first call needs them: class loading, opening connections and the
     * platform's first authentication of this node take longer than a decision's timeout, so the first calls
     * after a node starts would otherwise fall back. Sends {@code connections} decision requests at once, each on
     * its own connection, with the node's credential, for a source no PBX has (so the platform answers 400 and
     * decides nothing), again every 5 s until the platform answers them all; the connections stay open for calls.
     * Returns the warm-up's thread, which ends once they are all answered (or when interrupted).
     */
    public Thread warmUp(int connections) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(connections);
                // Every request leaves at the same moment: one started after another was answered would reuse its
                // connection.
                java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(connections);
                java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
                for (int i = 0; i < connections; i++) {
                    byte[] warm = ("{\"callId\":\"warm-up-" + i + "\",\"source\":\"-\",\"calling\":\"0\",\"called\":\"0\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    Thread one = new Thread(() -> {
                        try {
                            ready.countDown();
                            ready.await(5, java.util.concurrent.TimeUnit.SECONDS);
                            take(http.post(path, basic, warm, Duration.ofSeconds(5)));
                            answered.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (IOException | RuntimeException e) {
                            LOG.debug("warm-up request not answered: {}", e.toString());
                        } finally {
                            done.countDown();
                        }
                    }, "platform-warm-up-" + i);
                    one.setDaemon(true);
                    one.start();
                }
                try {
                    done.await();
                    if (answered.get() == connections) {
                        LOG.info("platform at {} reached; {} connection(s) open for decisions", uri.getAuthority(), connections);
                        return;
                    }
                    Thread.sleep(5_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }, "platform-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    public RouteDecision decide(RouteRequest request) throws PlatformUnavailable {
        return decide(request, timeout);
    }

    /** As {@link #decide(RouteRequest)}, waiting up to {@code budget} instead of the node's decision timeout. */
    public RouteDecision decide(RouteRequest request, Duration budget) throws PlatformUnavailable {
        PlatformHttp.Reply response;
        long deadline = System.nanoTime() + budget.toNanos();
        byte[] body = RoutingCodec.write(request).getBytes(StandardCharsets.UTF_8);
        try {
            String token = bearer.get();
            response = http.post(path, token != null ? token : basic, body, budget);
            if (response.status() == 401 && token != null) {
                // The platform no longer knows the token: log in again for this call and a new token (unless
                // another call's answer has brought one meanwhile).
                bearer.compareAndSet(token, null);
                response = http.post(path, basic, body, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            take(response);
        } catch (java.net.SocketTimeoutException e) {
            throw new PlatformUnavailable("platform did not answer within " + budget.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new PlatformUnavailable("platform unreachable: " + e, e);
        }
        int status = response.status();
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

    /** Whether the node asks with a decision token now (rather than with its login). */
    boolean hasToken() {
        return bearer.get() != null;
    }

    private void take(PlatformHttp.Reply reply) {
        if (reply.token() != null) {
            bearer.set("Bearer " + reply.token());
        }
    }

    /** Closes the connections to the platform. */
    @Override
    public void close() {
        http.close();
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
