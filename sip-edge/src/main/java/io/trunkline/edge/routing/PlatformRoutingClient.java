package io.trunkline.edge.routing;

import io.trunkline.contract.json.Json;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.routing.RoutingCodec;
import io.trunkline.contract.routing.Signing;
import io.trunkline.contract.telecom.Attestation;
import java.io.IOException;
import java.net.URI;
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
public final class PlatformRoutingClient implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlatformRoutingClient.class);

    /** Requests each of a node's connections sends once the platform answers, to warm both sides' HTTP path. */
    public static final int WARM_UP_REQUESTS = 250;
    /** Decisions written and read in memory before the first request. */
    static final int WARM_UP_CODEC_ROUNDS = 3_000;

    private final PlatformHttp http;
    private final URI uri;
    private final String path;
    private final String authorization;
    private final Duration timeout;

    public PlatformRoutingClient(String baseUrl, String user, String password, Duration timeout) {
        this.uri = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v1/decisions/route");
        this.path = uri.getRawPath();
        this.http = new PlatformHttp(uri);
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    /**
     * Readies the connections before the first call needs them: class loading, opening connections and the
     * platform's first authentication of this node take longer than a decision's timeout, so the first calls
     * after a node starts would otherwise fall back. First reads and writes a decision {@value #WARM_UP_CODEC_ROUNDS}
     * times in memory (the codec of every call). Then sends {@code connections} decision requests at once, each on
     * its own connection, with the node's credential, for a source no PBX has (so the platform answers 400 and
     * decides nothing), again every 5 s until the platform answers them all; the connections stay open for calls.
     * Each connection then sends {@code requestsEach} more such requests ({@value #WARM_UP_REQUESTS} for a node), so that the HTTP, authentication and
     * JSON code of both this node and the platform is compiled before the first minute of calls, not during it.
     */
    public void warmUp(int connections, int requestsEach) {
        Thread t = new Thread(() -> {
            warmCodec(WARM_UP_CODEC_ROUNDS);
            while (!Thread.currentThread().isInterrupted()) {
                java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(connections);
                java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
                for (int i = 0; i < connections; i++) {
                    byte[] warm = ("{\"callId\":\"warm-up-" + i + "\",\"source\":\"-\",\"calling\":\"0\",\"called\":\"0\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    Thread one = new Thread(() -> {
                        try {
                            http.post(path, authorization, warm, Duration.ofSeconds(5));
                            answered.incrementAndGet();
                            for (int more = 0; more < requestsEach; more++) {
                                http.post(path, authorization, warm, Duration.ofSeconds(5));
                            }
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
    }

    public RouteDecision decide(RouteRequest request) throws PlatformUnavailable {
        return decide(request, timeout);
    }

    /** As {@link #decide(RouteRequest)}, waiting up to {@code budget} instead of the node's decision timeout. */
    public RouteDecision decide(RouteRequest request, Duration budget) throws PlatformUnavailable {
        PlatformHttp.Reply response;
        try {
            response = http.post(path, authorization, RoutingCodec.write(request).getBytes(StandardCharsets.UTF_8), budget);
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

    /**
     * Writes and reads a decision like the platform's for an international call (two carrier routes with signing,
     * rulebook versions, a trace) {@code rounds} times; returns the characters read, so the work is not optimized away.
     */
    static long warmCodec(int rounds) {
        List<Route> routes = List.of(
                new Route("carrier-a", Route.Kind.CARRIER, "sip:+442071234567@carrier-a.example.net:5060", "+12125552001",
                        new java.math.BigDecimal("0.012000"), "USD", "PRIORITY position 1",
                        new Signing(Attestation.A, "add32f24-5e6d-3630-8ce7-87ef67467f54", "Attestation_14"), Attestation.A),
                new Route("carrier-b", Route.Kind.CARRIER, "sip:+442071234567@carrier-b.example.net:5060", "+12125550100",
                        new java.math.BigDecimal("0.015000"), "USD", "PRIORITY position 2",
                        new Signing(Attestation.B, "add32f24-5e6d-3630-8ce7-87ef67467f54", "Attestation_15"), Attestation.B));
        RouteDecision decision = new RouteDecision("warm-up", RouteDecision.Verdict.ROUTE, null, "RoutingPolicy_14 PRIORITY",
                "INTERNATIONAL", "+442071234567", "+12125552001", routes, List.of(408, 480, 500, 502, 503, 504), 2000,
                Map.of("dialplan", "dialplan@1", "routing", "routing@1", "fraud", "fraud@1"),
                List.of("DialPlanNormalization_14: strip 4, prepend '+' -> +442071234567 (E164)",
                        "RoutingPolicy_14: PRIORITY over [carrier-a carrier-b], max rate 1.00, caller ID MAIN_NUMBER",
                        "carrier-a: prefix 44 off-peak 0.012000/min, 180 s billed 60/60 costs 0.03600"),
                Instant.now());
        RouteRequest request = new RouteRequest("warm-up", RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001",
                "9011442071234567", null);
        long read = 0;
        for (int i = 0; i < rounds; i++) {
            read += RoutingCodec.write(request).length();
            read += RoutingCodec.readDecision(RoutingCodec.write(decision)).trace().size();
        }
        return read;
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
