package io.trunkline.edge.stir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The x5u fetcher against a real HTTPS server on this machine (the JDK's, with a certificate of a test CA): what it
 * refuses before any request, what it caches and for how long, and what it refuses in an answer.
 */
class HttpsCertificateSourceTest {

    static TestPki pki;
    static X509Certificate signer;
    static HttpsServer server;
    static HttpClient client;
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static final AtomicReference<String> CACHE_CONTROL = new AtomicReference<>();
    static final AtomicReference<byte[]> BODY = new AtomicReference<>();
    static final AtomicInteger STATUS = new AtomicInteger(200);
    static String base;

    @BeforeAll
    static void serve() throws Exception {
        pki = new TestPki("x5u test");
        signer = pki.issue("signer", TestPki.keys());
        server = pki.httpsServer("localhost", exchange -> {
            REQUESTS.incrementAndGet();
            if (CACHE_CONTROL.get() != null) {
                exchange.getResponseHeaders().add("Cache-Control", CACHE_CONTROL.get());
            }
            byte[] body = BODY.get();
            exchange.sendResponseHeaders(STATUS.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        base = "https://localhost:" + server.getAddress().getPort();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(clientTls).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static String pem(X509Certificate... certs) throws Exception {
        return TestPki.pem(certs);
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static HttpsCertificateSource source(Set<String> allowed, Set<String> privateHosts, Clock clock) {
        return new HttpsCertificateSource(allowed, privateHosts, client, Duration.ofSeconds(30), Duration.ofMinutes(60),
                Duration.ofHours(24), 16_384, 2, clock);
    }

    private static HttpsCertificateSource local(Clock clock) {
        return source(Set.of("localhost"), Set.of("localhost"), clock);
    }

    @Test
    void whatMayNotBeFetchedIsRefusedBeforeAnyRequest() {
        int before = REQUESTS.get();
        HttpsCertificateSource s = source(Set.of("localhost", "*.sti.example", "10.1.2.3"), Set.of(), Clock.systemUTC());
        assertThatThrownBy(() -> s.chainAt(URI.create("http://localhost/c.pem")))
                .hasMessageContaining("is not HTTPS");
        assertThatThrownBy(() -> s.chainAt(URI.create("https://evil.example.org/c.pem")))
                .hasMessageContaining("not on the allow-list");
        assertThatThrownBy(() -> s.chainAt(URI.create("https://sti.example.evil.org/c.pem")))
                .hasMessageContaining("not on the allow-list");
        assertThatThrownBy(() -> s.chainAt(URI.create(base + "/c.pem")))
                .hasMessageContaining("resolves to the internal address");
        assertThatThrownBy(() -> s.chainAt(URI.create("https://10.1.2.3/c.pem")))
                .hasMessageContaining("internal address 10.1.2.3");
        assertThatThrownBy(() -> s.chainAt(URI.create("https://user@localhost/c.pem")))
                .hasMessageContaining("no plain host");
        assertThat(REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void internalAddressesAreKnown() throws Exception {
        for (String a : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1"}) {
            assertThat(HttpsCertificateSource.internal(InetAddress.getByName(a))).as(a).isTrue();
        }
        for (String a : new String[] {"8.8.8.8", "203.0.113.9", "2001:db8::1"}) {
            assertThat(HttpsCertificateSource.internal(InetAddress.getByName(a))).as(a).isFalse();
        }
    }

    @Test
    void aCertificateIsFetchedOnceAndKeptForItsMaxAge() throws Exception {
        MovableClock clock = new MovableClock();
        HttpsCertificateSource s = local(clock);
        BODY.set(pem(signer, pki.ca).getBytes(StandardCharsets.US_ASCII));
        CACHE_CONTROL.set("public, max-age=300");
        STATUS.set(200);
        int before = REQUESTS.get();
        URI x5u = URI.create(base + "/max-age.pem");
        assertThat(s.chainAt(x5u)).containsExactly(signer, pki.ca);
        clock.now = clock.now.plusSeconds(299);
        assertThat(s.chainAt(x5u)).containsExactly(signer, pki.ca);
        assertThat(REQUESTS.get() - before).as("the second from the cache").isEqualTo(1);
        clock.now = clock.now.plusSeconds(2);
        s.chainAt(x5u);
        assertThat(REQUESTS.get() - before).as("fetched again once max-age has passed").isEqualTo(2);
    }

    @Test
    void noStoreIsNotCachedAndTheCacheHoldsAtMostItsEntries() throws Exception {
        HttpsCertificateSource s = local(Clock.systemUTC());
        BODY.set(pem(signer).getBytes(StandardCharsets.US_ASCII));
        STATUS.set(200);
        CACHE_CONTROL.set("no-store");
        int before = REQUESTS.get();
        s.chainAt(URI.create(base + "/no-store.pem"));
        s.chainAt(URI.create(base + "/no-store.pem"));
        assertThat(REQUESTS.get() - before).isEqualTo(2);
        assertThat(s.cached()).isZero();
        CACHE_CONTROL.set(null);
        for (int i = 0; i < 5; i++) {
            s.chainAt(URI.create(base + "/many-" + i + ".pem"));
        }
        assertThat(s.cached()).isEqualTo(2);
        assertThat(s.ttl(null)).isEqualTo(Duration.ofMinutes(60));
        assertThat(s.ttl("max-age=999999999")).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void anAnswerThatIsNotACertificateTooLargeOrNot200IsBadInfo() throws Exception {
        HttpsCertificateSource s = local(Clock.systemUTC());
        CACHE_CONTROL.set(null);
        STATUS.set(200);
        BODY.set("<html>hello</html>".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> s.chainAt(URI.create(base + "/html.pem"))).isInstanceOfSatisfying(StirException.class,
                e -> assertThat(e.failure()).isEqualTo(StirFailure.BAD_INFO));
        BODY.set(new byte[20_000]);
        assertThatThrownBy(() -> s.chainAt(URI.create(base + "/big.pem"))).hasMessageContaining("larger than");
        STATUS.set(404);
        BODY.set(pem(signer).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> s.chainAt(URI.create(base + "/gone.pem"))).hasMessageContaining("HTTP 404");
        STATUS.set(200);
    }
}
