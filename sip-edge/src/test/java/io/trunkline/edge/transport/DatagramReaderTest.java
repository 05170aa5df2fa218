package io.trunkline.edge.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.config.SipSettings;
import io.trunkline.edge.config.TlsSettings;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real JAIN-SIP stack on a UDP port read by the edge's {@link DatagramReader}: datagrams of every size up to the
 * maximum, sent back to back, each reach the listener whole, though the reader reads them all into one buffer.
 */
class DatagramReaderTest {

    private static final int EDGE = 17693;
    private SipTransport sip;
    private DatagramSocket peer;
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        sip = SipTransport.bind("reader-test", new SipSettings("127.0.0.1", EDGE, List.of("udp"), 16_384, 2,
                new TlsSettings(EDGE + 1, null, "", null, "", "Disabled"), SipSettings.DEFAULT_UDP_BUFFER,
                SipSettings.DEFAULT_WAIT_TIMER_MS));
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        sip.listen(new RequestListener(e -> {
            Header pad = e.getRequest().getHeader("X-Pad");
            String value = pad == null ? "" : pad.toString().substring("X-Pad: ".length()).trim();
            delivered.add(e.getRequest().getHeader("Call-ID").toString().trim() + " " + value.length() + " "
                    + value.chars().distinct().count());
        }));
    }

    @AfterEach
    void stop() {
        peer.close();
        sip.close();
    }

    private void send(String callId, int pad, char fill) throws Exception {
        int port = peer.getLocalPort();
        char[] value = new char[pad];
        Arrays.fill(value, fill);
        String msg = String.join("\r\n",
                "OPTIONS sip:edge@127.0.0.1:" + EDGE + " SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + callId + ";rport",
                "From: <sip:pbx@127.0.0.1:" + port + ">;tag=f",
                "To: <sip:edge@127.0.0.1>",
                "Call-ID: " + callId,
                "CSeq: 1 OPTIONS",
                "Max-Forwards: 70")
                + (pad > 0 ? "\r\nX-Pad: " + new String(value) : "")
                + "\r\nContent-Length: 0\r\n\r\n";
        byte[] b = msg.getBytes(StandardCharsets.US_ASCII);
        peer.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), EDGE));
    }

    @Test
    void datagramsOfEverySizeArriveWholeThroughOneBuffer() throws Exception {
        send("large-1", 15_000, 'a');
        send("small-1", 0, 'x');
        send("medium-1", 3_000, 'b');
        send("small-2", 10, 'c');
        String[] got = new String[4];
        for (int i = 0; i < got.length; i++) {
            got[i] = delivered.poll(5, TimeUnit.SECONDS);
        }
        assertThat(got).containsExactlyInAnyOrder("Call-ID: large-1 15000 1", "Call-ID: small-1 0 0",
                "Call-ID: medium-1 3000 1", "Call-ID: small-2 10 1");
        assertThat(Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack)
                .anyMatch(f -> f.getClassName().equals(DatagramReader.class.getName()) && f.getMethodName().equals("run"))))
                .as("the socket is read by the edge's reader, not the stack's").isTrue();
    }
}
