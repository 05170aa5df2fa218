package io.trunkline.edge.testing;

import com.sun.net.httpserver.HttpServer;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RoutingCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Stands in for the platform's decision endpoint in the edge's own tests (the platform's decisions are
 * tested against the deployed EAR in system-tests): answers every {@code POST /api/v1/decisions/route} with
 * the decision the test gives for the request body, and keeps the bodies it was asked.
 */
public final class DecisionServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private DecisionServer(Function<String, RouteDecision> decide) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/decisions/route", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(body);
            byte[] out = RoutingCodec.write(decide.apply(body)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    public static DecisionServer start(Function<String, RouteDecision> decide) throws IOException {
        return new DecisionServer(decide);
    }

    /** The base URL to configure as the node's {@code platform.url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request body received, oldest first. */
    public List<String> asked() {
        return asked;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
