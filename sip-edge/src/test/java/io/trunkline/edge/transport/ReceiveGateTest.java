package io.trunkline.edge.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.config.SipSettings;
import io.trunkline.edge.config.TlsSettings;
import io.trunkline.edge.overload.EarlyRefusal;
import io.trunkline.edge.overload.OverloadControl;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real JAIN-SIP stack on a UDP port, with the triages installed after the stack has started (as the node does):
 * a banned source's datagrams are dropped unanswered on the receive thread; a new INVITE from a configured peer while
 * new calls are limited is answered 503 there; neither reaches the listener; everything else does.
 */
class ReceiveGateTest {

    private static final int EDGE = 17671;
    private SipTransport sip;
    private DatagramSocket peer;
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    private final AtomicBoolean limiting = new AtomicBoolean(true);
    private final AtomicBoolean admitting = new AtomicBoolean(false);
    private final AtomicBoolean banned = new AtomicBoolean(false);
    private EarlyRefusal refusal;

    @BeforeEach
    void start() throws Exception {
        sip = SipTransport.bind("gate-test", new SipSettings("127.0.0.1", EDGE, List.of("udp"), 16_384, 2,
                new TlsSettings(EDGE + 1, null, "", null, "", "Disabled"), SipSettings.DEFAULT_UDP_BUFFER,
                SipSettings.DEFAULT_WAIT_TIMER_MS));
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(3000);
        int peerPort = peer.getLocalPort();
        refusal = new EarlyRefusal(new OverloadControl() {
            @Override
            public boolean admitNewCall() {
                return admitting.get();
            }

            @Override
            public boolean limiting() {
                return limiting.get();
            }

            @Override
            public int retryAfterSeconds() {
                return 6;
            }

            @Override
            public void decided(long nanos) {
            }
        }, (ip, port) -> "127.0.0.1".equals(ip) && port == peerPort);
        // As the node installs them: a banned source's datagrams dropped first, then the overload refusal.
        sip.triage(DatagramTriage.dropping((ip, port) -> banned.get() && "127.0.0.1".equals(ip) && port == peerPort)
                .then(refusal));
        sip.listen(new RequestListener(e -> delivered.add(e.getRequest().getMethod() + " " + e.getRequest().getHeader("Call-ID"))));
    }

    @AfterEach
    void stop() {
        peer.close();
        sip.close();
    }

    private void send(String method, String callId, String toTag) throws Exception {
        int port = peer.getLocalPort();
        String msg = String.join("\r\n",
                method + " sip:442071234567@127.0.0.1:" + EDGE + " SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + callId + ";rport",
                "From: <sip:pbx@127.0.0.1:" + port + ">;tag=f",
                "To: <sip:442071234567@127.0.0.1>" + toTag,
                "Call-ID: " + callId,
                "CSeq: 1 " + method,
                "Contact: <sip:pbx@127.0.0.1:" + port + ">",
                "Max-Forwards: 70",
                "Content-Length: 0", "", "");
        byte[] b = msg.getBytes(StandardCharsets.US_ASCII);
        peer.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), EDGE));
    }

    private String answer() throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
        try {
            peer.receive(p);
        } catch (SocketTimeoutException e) {
            return "";
        }
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aRefusedNewInviteIsAnswered503OnArrivalAndNeverReachesTheStack() throws Exception {
        send("INVITE", "refused-1", "");
        String answer = answer();
        assertThat(answer).startsWith("SIP/2.0 503 ").contains("Call-ID: refused-1", "Retry-After: 6", ";tag=overload",
                ";rport=" + peer.getLocalPort());
        // Its retransmission is refused again, by the same memory-less judge here.
        send("INVITE", "refused-1", "");
        assertThat(answer()).startsWith("SIP/2.0 503 ");
        assertThat(refusal.refused()).isEqualTo(2);
        // An OPTIONS behind it goes to the stack: the INVITEs never did.
        send("OPTIONS", "options-1", "");
        assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo("OPTIONS Call-ID: options-1\r\n");
        assertThat(delivered).isEmpty();
    }

    @Test
    void theAckOfARefusalIsDroppedOnArrivalLimitingOrNotAndOtherAcksReachTheStack() throws Exception {
        send("INVITE", "refused-2", "");
        assertThat(answer()).startsWith("SIP/2.0 503 ");
        send("ACK", "refused-2", ";tag=overload");
        // The first ACK judged while the node limits, the second after: the flag changes once the first is dropped.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (refusal.acksDropped() < 1 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(refusal.acksDropped()).as("the ACK sent while limiting").isEqualTo(1);
        limiting.set(false);
        send("ACK", "refused-2", ";tag=overload");
        send("ACK", "stray-1", ";tag=as58f4201b");
        send("OPTIONS", "options-2", "");
        // The stack's two threads may hand the two to the listener in either order.
        assertThat(java.util.Arrays.asList(delivered.poll(5, TimeUnit.SECONDS), delivered.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("ACK Call-ID: stray-1\r\n", "OPTIONS Call-ID: options-2\r\n");
        assertThat(delivered).isEmpty();
        assertThat(refusal.acksDropped()).isEqualTo(2);
    }

    @Test
    void admittedInDialogAndUnlimitedInvitesGoToTheStack() throws Exception {
        admitting.set(true);
        send("INVITE", "admitted-1", "");
        assertThat(delivered.poll(5, TimeUnit.SECONDS)).startsWith("INVITE Call-ID: admitted-1");
        admitting.set(false);
        send("INVITE", "re-invite-1", ";tag=in-dialog");
        assertThat(delivered.poll(5, TimeUnit.SECONDS)).startsWith("INVITE Call-ID: re-invite-1");
        limiting.set(false);
        send("INVITE", "normal-1", "");
        assertThat(delivered.poll(5, TimeUnit.SECONDS)).startsWith("INVITE Call-ID: normal-1");
        assertThat(refusal.refused()).isZero();
    }

    @Test
    void aBannedSourcesDatagramsAreDroppedUnansweredOnArrivalUntilTheBanEnds() throws Exception {
        banned.set(true);
        send("OPTIONS", "banned-1", "");
        send("INVITE", "banned-2", "");
        assertThat(answer()).as("nothing is answered, not even the INVITE the overload triage would refuse").isEmpty();
        assertThat(delivered).isEmpty();
        assertThat(refusal.refused()).as("dropped before the overload triage saw it").isZero();
        banned.set(false);
        limiting.set(false);
        send("OPTIONS", "after-1", "");
        assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo("OPTIONS Call-ID: after-1\r\n");
        assertThat(delivered).isEmpty();
    }
}
