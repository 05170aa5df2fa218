package io.trunkline.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edge's HTTP/1.1 client to the platform, against the JDK's HTTP server (fixed-length and chunked answers,
 * persistent connections) and against raw sockets answering what a real server may: a connection closed while
 * idle, an answer that never comes, one cut short, and one that is no HTTP.
 */
class PlatformHttpTest {

    private static final byte[] BODY = "{\"callId\":\"c-1\"}".getBytes(StandardCharsets.UTF_8);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private HttpServer server(boolean chunked, Set<String> peers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/decisions/route", exchange -> {
            peers.add(exchange.getRemoteAddress().toString());
            byte[] in = exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] out = ("{\"echo\":" + new String(in, StandardCharsets.UTF_8) + ",\"auth\":\"" + auth + "\","
                    + "\"pad\":\"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, chunked ? 0 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        open.add(() -> server.stop(0));
        return server;
    }

    private PlatformHttp client(int port) {
        PlatformHttp http = new PlatformHttp(URI.create("http://127.0.0.1:" + port + "/api/v1/decisions/route"));
        open.add(http);
        return http;
    }

    @Test
    void answersOfFixedLengthAndChunkedComeWholeOverOneKeptConnection() throws Exception {
        for (boolean chunked : new boolean[]{false, true}) {
            Set<String> peers = ConcurrentHashMap.newKeySet();
            HttpServer server = server(chunked, peers);
            PlatformHttp http = client(server.getAddress().getPort());
            for (int i = 0; i < 20; i++) {
                PlatformHttp.Reply r = http.post("/api/v1/decisions/route", "Basic ZWRnZTpz", BODY, Duration.ofSeconds(5));
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).startsWith("{\"echo\":{\"callId\":\"c-1\"},\"auth\":\"Basic ZWRnZTpz\"")
                        .endsWith("x\"}").hasSize(20_000 + 58);
            }
            assertThat(peers).as("twenty requests, one connection (chunked " + chunked + ")").hasSize(1);
        }
    }

    /** A server on a raw socket: each connection is handed to {@code handler}, which answers from what it read. */
    private int rawServer(Function<Socket, Boolean> handler, List<Integer> connections) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        open.add(ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    connections.add(connections.size() + 1);
                    Thread h = new Thread(() -> {
                        try (s) {
                            while (handler.apply(s)) {
                                // the handler keeps the connection while it returns true
                            }
                        } catch (IOException e) {
                            // the client went
                        }
                    });
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return ss.getLocalPort();
    }

    /** Reads one request (header and its Content-Length body); false at the end of the stream. */
    private static boolean readRequest(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        int b;
        while (!head.toString().endsWith("\r\n\r\n")) {
            if ((b = in.read()) < 0) {
                return false;
            }
            head.append((char) b);
        }
        String h = head.toString().toLowerCase();
        int at = h.indexOf("content-length:");
        int n = Integer.parseInt(h.substring(at + 15, h.indexOf('\r', at)).trim());
        in.readNBytes(n);
        return true;
    }

    private static void write(Socket s, String answer) throws IOException {
        s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    @Test
    void aConnectionThePlatformClosedWhileIdleIsReplacedWithinTheSameRequest() throws Exception {
        List<Integer> connections = new CopyOnWriteArrayList<>();
        int port = rawServer(s -> {
            try {
                if (!readRequest(s)) {
                    return false;
                }
                write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                return false; // closes after one answer without saying so, as an idle timeout would
            } catch (IOException e) {
                return false;
            }
        }, connections);
        PlatformHttp http = client(port);
        assertThat(http.post("/d", "x", BODY, Duration.ofSeconds(2)).body()).isEqualTo("ok");
        Thread.sleep(100);
        assertThat(http.post("/d", "x", BODY, Duration.ofSeconds(2)).body()).as("sent again on a new connection")
                .isEqualTo("ok");
        assertThat(connections).hasSize(2);
    }

    @Test
    void connectionCloseIsHonouredAndTheBodyMayRunToTheEndOfTheStream() throws Exception {
        List<Integer> connections = new CopyOnWriteArrayList<>();
        int port = rawServer(s -> {
            try {
                if (readRequest(s)) {
                    write(s, "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n{\"message\":\"busy\"}");
                }
            } catch (IOException e) {
                // gone
            }
            return false;
        }, connections);
        PlatformHttp http = client(port);
        PlatformHttp.Reply r = http.post("/d", "x", BODY, Duration.ofSeconds(2));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"message\":\"busy\"}");
        http.post("/d", "x", BODY, Duration.ofSeconds(2));
        assertThat(connections).as("a closed connection is not reused").hasSize(2);
    }

    @Test
    void anAnswerLaterThanTheBudgetTimesOutAndItsConnectionIsNotReused() throws Exception {
        List<Integer> connections = new CopyOnWriteArrayList<>();
        AtomicBoolean late = new AtomicBoolean(true);
        int port = rawServer(s -> {
            try {
                if (!readRequest(s)) {
                    return false;
                }
                Thread.sleep(late.getAndSet(false) ? 3_000 : 0);
                write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                return true;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }, connections);
        PlatformHttp http = client(port);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> http.post("/d", "x", BODY, Duration.ofMillis(100)))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms waited: the budget, not the answer's 3 s").isLessThan(2_500);
        assertThat(http.post("/d", "x", BODY, Duration.ofSeconds(10)).body()).isEqualTo("ok");
        assertThat(connections).as("the late answer's connection was closed, not read by the next request").hasSize(2);
    }

    @Test
    void anAnswerCutShortOrNotHttpIsAnErrorNotADecision() throws Exception {
        for (String answer : new String[]{"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"short\"",
                "SIP/2.0 200 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "HTTP/1.1 2x0 OK\r\n\r\n"}) {
            List<Integer> connections = new CopyOnWriteArrayList<>();
            int port = rawServer(s -> {
                try {
                    if (readRequest(s)) {
                        write(s, answer);
                    }
                } catch (IOException e) {
                    // gone
                }
                return false;
            }, connections);
            PlatformHttp http = client(port);
            assertThatThrownBy(() -> http.post("/d", "x", BODY, Duration.ofSeconds(2))).as(answer)
                    .isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void nothingListeningIsAnIoErrorAtOnce() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        PlatformHttp http = client(port);
        assertThatThrownBy(() -> http.post("/d", "x", BODY, Duration.ofSeconds(2))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new PlatformHttp(URI.create("ftp://127.0.0.1/x")))
                .hasMessageContaining("neither http nor https");
    }
}
