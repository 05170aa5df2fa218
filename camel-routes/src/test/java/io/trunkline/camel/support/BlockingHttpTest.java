package io.trunkline.camel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockingHttpTest {

    private static final BlockingHttp.Options OPTIONS = new BlockingHttp.Options(Duration.ofSeconds(2),
            Duration.ofSeconds(2), false, 16);

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            seen.add(x.getRequestMethod() + " " + x.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(body, StandardCharsets.UTF_8));
            answer(x, 201, "made: " + new String(body, StandardCharsets.UTF_8));
        });
        server.createContext("/refused", x -> answer(x, 503, "busy"));
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", "/echo");
            answer(x, 302, "");
        });
        server.createContext("/loop", x -> {
            x.getResponseHeaders().add("Location", "/loop");
            answer(x, 301, "");
        });
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(x, 200, "late");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheBodyAndHeadersAndReadsTheAnswerUpToItsLimit() throws IOException {
        BlockingHttp.Reply r = BlockingHttp.exchange(uri("/echo"), "POST", Map.of("Content-Type", "application/json"),
                "{\"a\": 12345678}".getBytes(StandardCharsets.UTF_8), OPTIONS);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text()).isEqualTo("made: {\"a\": 1234");
        assertThat(seen).containsExactly("POST application/json {\"a\": 12345678}");
    }

    @Test
    void anErrorStatusIsAnAnswerWithItsBody() throws IOException {
        BlockingHttp.Reply r = BlockingHttp.exchange(uri("/refused"), "GET", Map.of(), null, OPTIONS);

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.text()).isEqualTo("busy");
    }

    @Test
    void redirectsAreFollowedOnlyWhenAsked() throws IOException {
        assertThat(BlockingHttp.exchange(uri("/moved"), "GET", Map.of(), null, OPTIONS).status()).isEqualTo(302);

        BlockingHttp.Reply followed = BlockingHttp.exchange(uri("/moved"), "GET", Map.of(), null,
                new BlockingHttp.Options(Duration.ofSeconds(2), Duration.ofSeconds(2), true, 64));
        assertThat(followed.status()).isEqualTo(201);
        assertThat(seen).containsExactly("GET null ");
    }

    @Test
    void aRedirectToAnotherServerIsFollowedAndALoopEndsAfterAFewHops() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/feed", x -> answer(x, 200, "moved feed"));
        other.start();
        try {
            server.createContext("/elsewhere", x -> {
                x.getResponseHeaders().add("Location", "http://127.0.0.1:" + other.getAddress().getPort() + "/feed");
                answer(x, 301, "");
            });
            BlockingHttp.Options follow = new BlockingHttp.Options(Duration.ofSeconds(2), Duration.ofSeconds(2), true, 64);

            BlockingHttp.Reply moved = BlockingHttp.exchange(uri("/elsewhere"), "GET", Map.of(), null, follow);
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.text()).isEqualTo("moved feed");
            assertThat(BlockingHttp.exchange(uri("/loop"), "GET", Map.of(), null, follow).status()).isEqualTo(301);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aServerSlowerThanTheReadTimeoutIsAnIoError() {
        assertThatThrownBy(() -> BlockingHttp.exchange(uri("/slow"), "GET", Map.of(), null,
                new BlockingHttp.Options(Duration.ofSeconds(2), Duration.ofMillis(300), false, 64)))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void onlyAbsoluteHttpUrisAreAccepted() {
        assertThatThrownBy(() -> BlockingHttp.exchange(URI.create("ftp://127.0.0.1/x"), "GET", Map.of(), null, OPTIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://127.0.0.1/x");
        assertThatThrownBy(() -> BlockingHttp.exchange(URI.create("/relative"), "GET", Map.of(), null, OPTIONS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
