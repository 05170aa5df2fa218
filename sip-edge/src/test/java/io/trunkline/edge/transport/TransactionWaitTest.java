package io.trunkline.edge.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.config.SipSettings;
import io.trunkline.edge.config.TlsSettings;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real JAIN-SIP stack with {@code sip.wait-timer-ms} at its lowest (1 s) and a UDP peer: a completed transaction
 * absorbs a retransmission that comes within the wait and is gone for one that comes well after it, where the RFC's
 * Timer J and D (32 s) would still hold it.
 */
class TransactionWaitTest {

    private static final int EDGE = 17695;
    private static final int WAIT_MS = 3_000;
    private SipTransport sip;
    private DatagramSocket peer;
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        sip = SipTransport.bind("wait-test", new SipSettings("127.0.0.1", EDGE, List.of("udp"), 16_384, 2,
                new TlsSettings(EDGE + 1, null, "", null, "", "Disabled"), SipSettings.DEFAULT_UDP_BUFFER, WAIT_MS));
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(5_000);
        sip.listen(new RequestListener(e -> {
            delivered.add(e.getRequest().getMethod());
            try {
                Response ok = sip.factories().messages().createResponse(Response.OK, e.getRequest());
                sip.serverTransaction(e).sendResponse(ok);
            } catch (Exception ex) {
                delivered.add("error " + ex);
            }
        }));
    }

    @AfterEach
    void stop() {
        peer.close();
        sip.close();
    }

    private void send(String message) throws Exception {
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        peer.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), EDGE));
    }

    private String receive() throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[16_384], 16_384);
        peer.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
    }

    /** What the peer receives within {@code ms}, or null. */
    private String receiveWithin(int ms) throws Exception {
        peer.setSoTimeout(ms);
        try {
            return receive();
        } catch (SocketTimeoutException none) {
            return null;
        } finally {
            peer.setSoTimeout(5_000);
        }
    }

    private String bye() {
        int port = peer.getLocalPort();
        return String.join("\r\n",
                "BYE sip:edge@127.0.0.1:" + EDGE + " SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-wait-bye",
                "From: <sip:pbx@127.0.0.1:" + port + ">;tag=pbx",
                "To: <sip:edge@127.0.0.1>;tag=edge",
                "Call-ID: wait-bye",
                "CSeq: 2 BYE",
                "Max-Forwards: 70",
                "Content-Length: 0", "", "");
    }

    @Test
    void aByesTransactionAbsorbsARetransmissionWithinTheWaitAndIsGoneAfterIt() throws Exception {
        send(bye());
        assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo(Request.BYE);
        assertThat(receive()).startsWith("SIP/2.0 200");

        send(bye());
        assertThat(receive()).as("answered again by the completed transaction").startsWith("SIP/2.0 200");
        assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).as("absorbed, not delivered again").isNull();

        Thread.sleep(WAIT_MS + 3_000);
        send(bye());
        assertThat(delivered.poll(5, TimeUnit.SECONDS)).as("the transaction ended after its wait: a new one")
                .isEqualTo(Request.BYE);
    }

    @Test
    void anInviteAnswered503IsAcknowledgedAgainWithinTheWaitAndNotAfterIt() throws Exception {
        int port = peer.getLocalPort();
        Request invite = sip.factories().messages().createRequest(String.join("\r\n",
                "INVITE sip:carrier@127.0.0.1:" + port + " SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:" + EDGE,
                "From: <sip:edge@127.0.0.1:" + EDGE + ">;tag=edge",
                "To: <sip:carrier@127.0.0.1:" + port + ">",
                "Call-ID: wait-invite",
                "CSeq: 1 INVITE",
                "Max-Forwards: 70",
                "Contact: <sip:edge@127.0.0.1:" + EDGE + ">",
                "Content-Length: 0", "", ""));
        ((javax.sip.header.ViaHeader) invite.getHeader("Via")).setBranch("z9hG4bK-wait-invite");
        ClientTransaction ct = sip.clientTransaction(invite);
        ct.sendRequest();
        String sent = receive();
        assertThat(sent).startsWith("INVITE ");
        String unavailable = sent.substring(sent.indexOf("\r\n") + 2);
        String answer = "SIP/2.0 503 Service Unavailable\r\n" + unavailable.replaceFirst("(?m)^To: (.*)$", "To: $1;tag=carrier");
        send(answer);
        assertThat(receive()).as("the 503 acknowledged").startsWith("ACK ");
        send(answer);
        assertThat(receive()).as("a 503 repeated within the wait is acknowledged again").startsWith("ACK ");

        Thread.sleep(WAIT_MS + 3_000);
        send(answer);
        assertThat(receiveWithin(1_500)).as("after the wait the transaction is gone: nothing acknowledges it").isNull();
    }
}
