package io.trunkline.edge.media;

import io.trunkline.edge.testing.RtpEngineProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ng client against the real daemon (Debian's rtpengine-daemon, userspace, loopback), and against peers that misbehave. */
class NgClientIT {

    private static final String PBX_SDP = String.join("\r\n", "v=0", "o=pbx 1 1 IN IP4 10.1.1.10", "s=-",
            "c=IN IP4 10.1.1.10", "t=0 0", "m=audio 40000 RTP/AVP 0 8 101", "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16", "a=sendrecv", "") ;
    private static final String CARRIER_SDP = String.join("\r\n", "v=0", "o=carrier 7 7 IN IP4 203.0.113.5", "s=-",
            "c=IN IP4 203.0.113.5", "t=0 0", "m=audio 50000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000",
            "a=sendrecv", "");

    @TempDir
    static Path dir;
    private static RtpEngineProcess rtpengine;
    private static NgClient client;

    @BeforeAll
    static void startRtpengine() throws Exception {
        rtpengine = RtpEngineProcess.start(dir, 32000, 32099);
        client = new NgClient(rtpengine.ng(), Duration.ofMillis(500), 3);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (rtpengine != null) {
            rtpengine.close();
        }
    }

    @Test
    void offerAnswerQueryAndDeleteRewriteBothSdpsToTheRelay() throws Exception {
        assertThat(client.call(Map.of("command", "ping"))).containsEntry("result", "pong");
        String callId = "ng-it-" + System.nanoTime();
        Map<String, Object> offer = client.call(Map.of("command", "offer", "call-id", callId, "from-tag", "pbx-tag",
                "sdp", PBX_SDP, "replace", List.of("origin", "session-connection")));
        String toCarrier = (String) offer.get("sdp");
        assertThat(toCarrier).as("the carrier sees only the relay").contains("c=IN IP4 127.0.0.1")
                .doesNotContain("10.1.1.10").containsPattern("m=audio 320[0-9][0-9] RTP/AVP 0 8 101");

        Map<String, Object> answer = client.call(Map.of("command", "answer", "call-id", callId, "from-tag", "pbx-tag",
                "to-tag", "carrier-tag", "sdp", CARRIER_SDP, "replace", List.of("origin", "session-connection")));
        String toPbx = (String) answer.get("sdp");
        assertThat(toPbx).as("the PBX sees only the relay").contains("c=IN IP4 127.0.0.1").doesNotContain("203.0.113.5");
        assertThat(port(toPbx)).isNotEqualTo(port(toCarrier));

        assertThat(calls()).contains(callId);
        Map<String, Object> query = client.call(Map.of("command", "query", "call-id", callId));
        assertThat(query).containsKeys("totals", "tags");
        assertThat(client.call(Map.of("command", "delete", "call-id", callId, "from-tag", "pbx-tag")))
                .containsEntry("result", "ok");
        assertThat(calls()).doesNotContain(callId);
    }

    @Test
    void aRefusalCarriesRtpenginesReason() {
        assertThatThrownBy(() -> client.call(Map.of("command", "answer", "call-id", "no-such-call", "from-tag", "x",
                "to-tag", "y", "sdp", CARRIER_SDP)))
                .isInstanceOfSatisfying(NgException.class, e -> assertThat(e.kind()).isEqualTo(NgException.Cause.REFUSED))
                .hasMessageContaining("Unknown call-id");
    }

    @Test
    void aSilentPeerIsAskedAgainWithTheSameCookieThenTimesOut() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<String> received = new CopyOnWriteArrayList<>();
            Thread listener = listen(peer, received, null);
            try (NgClient silent = new NgClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort()),
                    Duration.ofMillis(100), 3)) {
                assertThatThrownBy(() -> silent.call(Map.of("command", "ping")))
                        .isInstanceOfSatisfying(NgException.class, e -> assertThat(e.kind()).isEqualTo(NgException.Cause.TIMEOUT))
                        .hasMessageContaining("after 3 attempts of 100 ms");
            }
            // The third attempt's datagram may still be on its way to the listener when the call gives up.
            long end = System.nanoTime() + 2_000_000_000L;
            while (received.size() < 3 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            listener.interrupt();
            assertThat(received).hasSize(3);
            assertThat(received.stream().map(r -> r.substring(0, r.indexOf(' '))).distinct()).as("one cookie").hasSize(1);
            assertThat(received.get(0)).endsWith(" d7:command4:pinge");
        }
    }

    @Test
    void aGarbledReplyIsMalformedAndAStrayOneIsIgnored() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<String> received = new CopyOnWriteArrayList<>();
            // To each request: a datagram with no cookie, one with another cookie, then its own cookie and garbage.
            Thread listener = listen(peer, received, cookie -> List.of("nocookie", "other_1 d6:result4:ponge",
                    cookie + " d6:result4:pon"));
            try (NgClient garbled = new NgClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort()),
                    Duration.ofSeconds(5), 2)) {
                assertThatThrownBy(() -> garbled.call(Map.of("command", "ping")))
                        .isInstanceOfSatisfying(NgException.class, e -> assertThat(e.kind()).isEqualTo(NgException.Cause.MALFORMED))
                        .hasMessageContaining("not bencoding");
            }
            listener.interrupt();
            assertThat(received).as("answered at once: not retransmitted").hasSize(1);
        }
    }

    private static Thread listen(DatagramSocket peer, List<String> received,
                                 java.util.function.Function<String, List<String>> replies) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[65_535];
            while (!Thread.currentThread().isInterrupted()) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    peer.receive(p);
                    String text = new String(buffer, 0, p.getLength(), StandardCharsets.UTF_8);
                    received.add(text);
                    if (replies != null) {
                        for (String r : replies.apply(text.substring(0, text.indexOf(' ')))) {
                            byte[] b = r.getBytes(StandardCharsets.UTF_8);
                            peer.send(new DatagramPacket(b, b.length, p.getSocketAddress()));
                        }
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @SuppressWarnings("unchecked")
    private static List<String> calls() throws NgException {
        return new ArrayList<>((List<String>) client.call(Map.of("command", "list", "limit", 1000)).get("calls"));
    }

    private static int port(String sdp) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("m=audio (\\d+) ").matcher(sdp);
        assertThat(m.find()).as(sdp).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
