package io.trunkline.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.testing.EdgeProcess;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of malformed SIP messages after RFC 4475's categories (src/test/resources/malformed) sent
 * to a real edge node over UDP and TCP: each gets a 4xx or is dropped as RFC 3261 says (an unknown
 * method gets 501), and the node still answers afterwards.
 */
class MalformedMessagesIT {

    static final int EDGE = 17360;
    static final int FROM = 17399;

    @TempDir
    static Path dir;
    static EdgeProcess edge;

    @BeforeAll
    static void start() throws Exception {
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "guarded-edge", EDGE, 17731,
                "127.0.0.1:17731", Map.of("platform.url", "http://127.0.0.1:9",
                        // From a configured PBX: its messages reach the parser and the dispatcher's own checks
                        // rather than being refused by the source guard as an unknown source's would be.
                        "pbx.corpus.sources", "127.0.0.1"));
        edge.awaitLog("ready", 60);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
    }

    /** The status line answered to one datagram within half a second, or null when it was dropped. */
    private static String udp(DatagramSocket socket, byte[] message) throws IOException {
        String text = udpAnswer(socket, message);
        return text == null ? null : text.substring(0, text.indexOf("\r\n") < 0 ? text.length() : text.indexOf("\r\n"));
    }

    /** The whole answer to one datagram within half a second, or null when it was dropped. */
    private static String udpAnswer(DatagramSocket socket, byte[] message) throws IOException {
        socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), EDGE));
        byte[] buffer = new byte[65_535];
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(in);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(in.getData(), 0, in.getLength(), StandardCharsets.ISO_8859_1);
    }

    /** Reads and discards what is already waiting on the socket: late answers to earlier messages. */
    private static void drain(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(50);
        DatagramPacket in = new DatagramPacket(new byte[65_535], 65_535);
        try {
            while (true) {
                socket.receive(in);
            }
        } catch (SocketTimeoutException nothingLeft) {
            // drained
        }
    }

    /** The corpus files whose answer the test checks (the others may be refused or dropped). */
    private static boolean mustBeAnswered(String name) {
        return name.contains("-rfc4475-3.1.2.") || name.contains("-rfc4475-3.3.2-") || name.contains("-rfc4475-3.3.3-")
                || name.contains("-rfc4475-3.3.5-") || name.startsWith("13-") || name.startsWith("06-")
                || name.startsWith("22-");
    }

    /**
     * Checks an answer is a well-formed SIP message (RFC 3261 §7, §8.2.6.2, §20.14): a printable status line, a header
     * block ended by an empty line, a Content-Length that is the body's length, a To tag, and no echo of the request
     * (an answer that sends the request back amplifies a forged source's traffic).
     */
    private static void assertWellFormed(String name, String answer, int requestLength) {
        String statusLine = answer.substring(0, Math.max(0, answer.indexOf("\r\n")));
        assertThat(statusLine).as(name + "'s status line").matches("SIP/2\\.0 [1-6]\\d\\d [\\x20-\\x7e]*")
                .doesNotContainPattern("\\[[A-Z]@[0-9a-f]+").hasSizeLessThanOrEqualTo(160);
        int end = answer.indexOf("\r\n\r\n");
        assertThat(end).as(name + "'s header block ends with an empty line: " + answer).isPositive();
        String headers = answer.substring(0, end + 2);
        java.util.regex.Matcher length = java.util.regex.Pattern
                .compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)\\s*$").matcher(headers);
        assertThat(length.find()).as(name + " states its Content-Length: " + answer).isTrue();
        assertThat(answer.length() - end - 4).as(name + "'s body is its Content-Length").isEqualTo(Integer.parseInt(length.group(1)));
        assertThat(headers).as(name + " carries a To tag (RFC 3261 §8.2.6.2)").containsPattern("(?im)^(?:To|t)\\s*:.*;\\s*tag=");
        assertThat(headers).as(name + "'s answer does not echo the request").doesNotContainIgnoringCase("message/sipfrag");
        assertThat(answer.length()).as(name + "'s answer is the request's headers and a status line at most")
                .isLessThanOrEqualTo(requestLength + 160);
    }

    @Test
    void everyMalformedMessageIsRefusedOrDroppedAndTheNodeCarriesOn() throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        List<Path> corpus;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/malformed"))) {
            corpus = files.sorted().toList();
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(25);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", FROM))) {
            for (Path message : corpus) {
                byte[] request = Files.readAllBytes(message);
                // An answer later than the wait would otherwise be read as the next message's: the node's workers
                // may finish two messages in either order. The messages that must be answered get a longer wait.
                drain(socket);
                socket.setSoTimeout(mustBeAnswered(message.getFileName().toString()) ? 3000 : 500);
                String answer = udpAnswer(socket, request);
                if (answer != null) {
                    assertWellFormed(message.getFileName().toString(), answer, request.length);
                }
                answers.put(message.getFileName().toString(),
                        answer == null ? null : answer.substring(0, Math.max(0, answer.indexOf("\r\n"))));
            }
        }
        org.slf4j.LoggerFactory.getLogger(MalformedMessagesIT.class).info("answers to the corpus: {}", answers);
        answers.forEach((name, answer) -> {
            if (name.contains("-rfc4475-3.1.2.")) {
                // RFC 4475 §3.1.2's invalid messages, as the RFC gives them (addresses moved to this test's ports).
                assertThat(answer).as(name).startsWith("SIP/2.0 400 ");
            } else if (name.contains("-rfc4475-3.3.2-") || name.contains("-rfc4475-3.3.3-")) {
                assertThat(answer).as(name + ": a scheme the node does not speak").startsWith("SIP/2.0 416 ");
            } else if (name.contains("-rfc4475-3.3.5-")) {
                assertThat(answer).as(name + ": an extension the node does not apply").startsWith("SIP/2.0 420 ");
            } else if (name.startsWith("13-")) {
                assertThat(answer).as(name).startsWith("SIP/2.0 501");
            } else {
                assertThat(answer).as(name + " is refused with a 4xx or dropped").satisfiesAnyOf(
                        a -> assertThat(a).isNull(), a -> assertThat(a).startsWith("SIP/2.0 4"));
            }
        });
        assertThat(answers.get("06-negative-content-length.sip")).as("the 400 says what was wrong")
                .startsWith("SIP/2.0 400 Bad Request (").contains("-999");
        assertThat(answers.get("22-invite-without-contact.sip")).as("RFC 3261 §8.1.1.8")
                .isEqualTo("SIP/2.0 400 Bad Request (missing Contact)");
        assertThat(answers.get("01-garbage.sip")).as("garbage is dropped").isNull();
        assertThat(answers.get("12-crlf-keepalive.sip")).as("a CRLF keep-alive is not answered (RFC 5626)").isNull();

        // The same over TCP: the connection may be closed on garbage, the node must not be.
        try (Socket tcp = new Socket("127.0.0.1", EDGE)) {
            tcp.getOutputStream().write(Files.readAllBytes(Path.of("src/test/resources/malformed/01-garbage.sip")));
            tcp.getOutputStream().write(new byte[70_000]);
            tcp.getOutputStream().flush();
        } catch (IOException closedByTheEdge) {
            // Refusing an oversized or unparseable stream by closing it is what a server should do.
        }

        assertThat(edge.alive()).isTrue();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", FROM))) {
            drain(socket);
            socket.setSoTimeout(2000);
            String options = "OPTIONS sip:ping@127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + FROM + ";branch=z9hG4bK-after-1\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:ping@127.0.0.1>\r\n"
                    + "Call-ID: after-corpus@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            assertThat(udp(socket, options.getBytes(StandardCharsets.ISO_8859_1))).as("still answering")
                    .isEqualTo("SIP/2.0 200 OK");
        }
    }
}
