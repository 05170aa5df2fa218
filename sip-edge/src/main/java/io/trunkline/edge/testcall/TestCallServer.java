package io.trunkline.edge.testcall;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trunkline.contract.json.Json;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.testcall.InvalidTestCallException;
import io.trunkline.contract.testcall.TestCallCodec;
import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.config.TestCallSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/test-calls}: the platform asks the node to place a synthetic call and gets its outcome in the answer
 * once the call has ended. HTTP rather than SIP because it is one request and one answer on the management plane,
 * authenticated by a bearer token, never reachable from the SIP side (the server binds {@code testcalls.bind} only).
 * Answers: 200 with the result; 401 without the token; 400 naming the field at fault; 404 for a source that is not a
 * configured carrier (INBOUND) or PBX (OUTBOUND); 405 for other methods; 413 for a body over 64 KiB; 503 with
 * Retry-After when {@code testcalls.max-concurrent} test calls are already running.
 */
public final class TestCallServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestCallServer.class);
    public static final String PATH = "/v1/test-calls";
    static final int MAX_BODY = 64 * 1024;
    /** How long past the request's own limit the answer is waited for (the limit's CANCEL and record come first). */
    private static final long GRACE_MS = 5000;

    /** Places a test call from {@code source}: the B2BUA's {@code TestCallOriginator}. */
    @FunctionalInterface
    public interface Originator {
        CompletableFuture<TestCallResult> originate(TestCallRequest request, Peer source);
    }

    /** The configured carrier ({@code carrier}) or PBX of an id. */
    @FunctionalInterface
    public interface Peers {
        Optional<Peer> named(String id, boolean carrier);
    }

    private final HttpServer server;
    private final ThreadPoolExecutor threads;
    private final BearerToken token;
    private final Originator originator;
    private final Peers peers;
    private final Semaphore running;

    private TestCallServer(TestCallSettings settings, Originator originator, Peers peers) throws IOException {
        this.token = new BearerToken(settings.token());
        this.originator = originator;
        this.peers = peers;
        this.running = new Semaphore(settings.maxConcurrent());
        // Threads for the calls running, and a few for the refusals answered meanwhile; beyond, connections wait.
        int n = settings.maxConcurrent() + 2;
        this.threads = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "edge-testcalls");
            t.setDaemon(true);
            return t;
        });
        try {
            this.server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 16);
        } catch (IOException e) {
            threads.shutdownNow();
            throw new IOException("testcalls.bind " + settings.bind() + ", testcalls.port " + settings.port()
                    + ": cannot be bound: " + e.getMessage(), e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Binds {@code testcalls.bind}:{@code testcalls.port} and serves until closed. */
    public static TestCallServer start(TestCallSettings settings, Originator originator, Peers peers) throws IOException {
        TestCallServer s = new TestCallServer(settings, originator, peers);
        LOG.info("test calls served on http://{}:{}{}", settings.bind(), s.port(), PATH);
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!token.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
                // RFC 6750 §3: the scheme, and invalid_token when a token was given and is not the one.
                boolean given = ex.getRequestHeaders().getFirst("Authorization") != null;
                LOG.warn("test call request from {} refused 401: {}", ex.getRemoteAddress(),
                        given ? "not the token" : "no token");
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"trunkline-edge\""
                        + (given ? ", error=\"invalid_token\"" : ""));
                send(ex, 401, error("unauthorized", null, "a valid bearer token is required"));
                return;
            }
            if (!PATH.equals(ex.getRequestURI().getPath())) {
                send(ex, 404, error("not_found", null, "no such resource"));
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                send(ex, 405, error("method_not_allowed", null, "only POST"));
                return;
            }
            byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                send(ex, 413, error("too_large", null, "the body is over " + MAX_BODY + " bytes"));
                return;
            }
            TestCallRequest request;
            try {
                request = TestCallCodec.readRequest(new String(body, StandardCharsets.UTF_8));
            } catch (InvalidTestCallException e) {
                send(ex, 400, error("invalid_request", e.field(), e.getMessage()));
                return;
            }
            boolean inbound = request.direction() == RouteRequest.Direction.INBOUND;
            Optional<Peer> source = peers.named(request.source(), inbound);
            if (source.isEmpty()) {
                send(ex, 404, error("unknown_source", "source", request.source() + " is not a configured "
                        + (inbound ? "carrier" : "PBX") + " of this node"));
                return;
            }
            if (!running.tryAcquire()) {
                ex.getResponseHeaders().set("Retry-After", "5");
                send(ex, 503, error("busy", null, "test calls already running at the node's limit"));
                return;
            }
            Answer answer;
            try {
                answer = place(request, source.get());
            } finally {
                running.release(); // before the answer goes: a client may send its next test call the moment it has it
            }
            send(ex, answer.status(), answer.json());
        } catch (IOException | RuntimeException e) {
            LOG.warn("test call request from {} failed: {}", ex.getRemoteAddress(), e.toString());
        }
    }

    /** What a test call request is answered. */
    private record Answer(int status, String json) {
    }

    private Answer place(TestCallRequest request, Peer source) {
        long started = System.nanoTime();
        TestCallResult result;
        try {
            result = originator.originate(request, source).get(request.timeoutMs() + GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("test call {} {} from {} to {}: not placed: {}", request.id(), request.direction(),
                    request.source(), request.called(), e.toString());
            return new Answer(500, error("internal", null, "the test call could not be placed"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, error("stopping", null, "the node is stopping"));
        }
        LOG.info("test call {} {} from {} {} -> {}: {} {} answered by {} setup {} ms, {} attempt(s), in {} ms ({})",
                request.id(), request.direction(), request.source(), request.calling(), request.called(),
                result.outcome(), result.sipCode(), result.answeredBy(), result.setupMs(), result.attempts().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), result.callId());
        return new Answer(200, TestCallCodec.write(result));
    }

    static String error(String code, String field, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("field", field);
        m.put("message", message);
        return Json.write(m);
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
