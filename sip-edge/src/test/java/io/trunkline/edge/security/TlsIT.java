package io.trunkline.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.edge.testing.DecisionServer;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIP over TLS (RFC 3261 §26.2) on a real edge node: a PBX reaching the node's TLS port, and a carrier trunk
 * the decision names with {@code transport=tls}. SIPp on this machine has no TLS, so the TLS peers are plain
 * JDK TLS sockets speaking SIP; the certificate is made with keytool for the test.
 */
class TlsIT {

    static final int EDGE = 17070;
    static final int EDGE_TLS = 17071;
    static final int PBX = 17072;
    static final int CARRIER_TLS = 17073;
    static final String PASSWORD = "changeit";

    static Path dir;
    static Path keystore;
    static DecisionServer platform;
    static EdgeProcess edge;
    static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "tls-it"));
        keystore = dir.resolve("edge.p12");
        Files.deleteIfExists(keystore);
        Path keytoolLog = dir.resolve("keytool.log");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "edge", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).redirectOutput(keytoolLog.toFile())
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as("keytool made the test certificate: %s", Files.readString(keytoolLog)).isZero();
        tls = context();

        platform = DecisionServer.start(body -> new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test",
                "INTERNATIONAL", "+442071234567", "+12125552001", List.of(new Route("carrier-t", Route.Kind.CARRIER,
                "sip:+442071234567@127.0.0.1:" + CARRIER_TLS + ";transport=tls", "+12125552001", null, "USD",
                "encrypted trunk")), List.of(503), 2000, Map.of(), List.of(), Instant.now()));
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "tls-edge", EDGE, 17731, "127.0.0.1:17731",
                Map.of("platform.url", platform.url(),
                        "sip.transports", "udp,tcp,tls", "sip.tls-port", Integer.toString(EDGE_TLS),
                        "sip.tls.keystore", keystore.toAbsolutePath().toString(), "sip.tls.keystore-password", PASSWORD,
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX));
        edge.awaitLog("ready", 60);
        assertThat(edge.log()).contains("tls:127.0.0.1:" + EDGE_TLS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aPeerReachesTheNodeOverTls() throws Exception {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", EDGE_TLS)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            String options = String.join("\r\n",
                    "OPTIONS sip:edge@127.0.0.1:" + EDGE_TLS + ";transport=tls SIP/2.0",
                    "Via: SIP/2.0/TLS 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-tls-1",
                    "From: <sip:pbx@127.0.0.1>;tag=t1", "To: <sip:edge@127.0.0.1>", "Call-ID: tls-options-1@127.0.0.1",
                    "CSeq: 1 OPTIONS", "Max-Forwards: 70", "Content-Length: 0", "", "");
            socket.getOutputStream().write(options.getBytes(StandardCharsets.US_ASCII));
            String answer = readMessage(socket.getInputStream());
            assertThat(answer).startsWith("SIP/2.0 200").contains("Call-ID: tls-options-1@127.0.0.1");
            assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
        }
    }

    @Test
    void aCarrierTrunkIsReachedOverTlsAndItsAnswerRelayed() throws Exception {
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(CARRIER_TLS, 5,
                java.net.InetAddress.getLoopbackAddress());
        CompletableFuture<String> invite = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket carrier = (SSLSocket) server.accept()) {
                carrier.setSoTimeout(10_000);
                String request = readMessage(carrier.getInputStream());
                // The carrier is busy: 486 with the request's dialog headers, then the edge's ACK.
                StringBuilder busy = new StringBuilder("SIP/2.0 486 Busy Here\r\n");
                for (String line : request.split("\r\n")) {
                    String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
                    if (List.of("Via", "From", "Call-ID", "CSeq").contains(name)) {
                        busy.append(line).append("\r\n");
                    } else if (name.equals("To")) {
                        busy.append(line).append(";tag=carrier-t1\r\n");
                    }
                }
                busy.append("Content-Length: 0\r\n\r\n");
                carrier.getOutputStream().write(busy.toString().getBytes(StandardCharsets.US_ASCII));
                String ack = readMessage(carrier.getInputStream());
                return request + "\n--\n" + ack;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Path uac486 = Path.of("src/test/resources/sipp/uac-expect-486.xml").toAbsolutePath();
            assertThat(Sipp.exit(Sipp.start(dir, "tls-pbx", "-m", "1", "-sf", uac486.toString(), "127.0.0.1:" + EDGE,
                    "-s", "9011442071234567", "-p", Integer.toString(PBX)))).as("the PBX got the carrier's 486").isZero();
            String seen = invite.get(15, TimeUnit.SECONDS);
            assertThat(seen).startsWith("INVITE sip:+442071234567@127.0.0.1:" + CARRIER_TLS + ";transport=tls SIP/2.0")
                    .contains("Via: SIP/2.0/TLS 127.0.0.1:" + EDGE_TLS);
            assertThat(seen.substring(seen.indexOf("\n--\n"))).contains("ACK sip:");
        } finally {
            server.close();
        }
    }

    private static SSLContext context() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** One SIP message from a stream: headers to the blank line, then Content-Length bytes of body. */
    private static String readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                if (text.isBlank()) {
                    head.reset(); // keep-alive CRLFs between messages
                    continue;
                }
                int length = 0;
                for (String line : text.split("\r\n")) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
            }
        }
        throw new IOException("stream ended inside a message: " + head.toString(StandardCharsets.US_ASCII));
    }
}
