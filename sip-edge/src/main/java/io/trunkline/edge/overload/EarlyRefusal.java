package io.trunkline.edge.overload;

import io.trunkline.edge.transport.DatagramTriage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new calls as their INVITE comes off the wire while the node limits new calls, instead of after the receive
 * queue: under overload that queue is what makes a refusal late, and a refusal that waits behind the backlog it is
 * meant to shed comes after the caller has retransmitted (Kamailio answers overload statelessly from its first
 * route block, {@code sl_send_reply}, for the same reason). Only INVITEs outside a dialog from a configured PBX or
 * carrier are judged here; everything else, unknown sources included (the source guard's business), goes to the
 * stack as usual, and so does every INVITE while the node is not limiting. The judgment is the B2BUA's own,
 * remembered per call ({@link CallAdmissions}): a call admitted here is not judged again when the stack delivers it.
 * The ACK of a refusal ({@link RawInvite#acksRefusal}: the refusal's To tag) is dropped here too, limiting or not.
 */
public final class EarlyRefusal implements DatagramTriage {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyRefusal.class);

    private final OverloadControl admissions;
    private final BiPredicate<String, Integer> configuredPeer;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong acksDropped = new AtomicLong();

    /**
     * @param admissions     the node's per-call admission ({@link CallAdmissions} over the judge)
     * @param configuredPeer whether a source address and port is a configured PBX or carrier
     */
    public EarlyRefusal(OverloadControl admissions, BiPredicate<String, Integer> configuredPeer) {
        this.admissions = admissions;
        this.configuredPeer = configuredPeer;
    }

    @Override
    public boolean answered(DatagramPacket packet, DatagramSocket socket) {
        byte[] data = packet.getData();
        if (RawInvite.acksRefusal(data, packet.getOffset(), packet.getLength())) {
            // The ACK of a 503 this node sent without a transaction: nothing to match it to, nothing to answer.
            acksDropped.incrementAndGet();
            return true;
        }
        if (!admissions.limiting() || !RawInvite.isInvite(data, packet.getOffset(), packet.getLength())) {
            return false;
        }
        InetAddress from = packet.getAddress();
        if (from == null) {
            return false;
        }
        String ip = from.getHostAddress();
        int port = packet.getPort();
        if (!configuredPeer.test(ip, port)) {
            return false;
        }
        RawInvite invite = RawInvite.read(data, packet.getOffset(), packet.getLength());
        if (invite == null || admissions.admit(OverloadControl.attempt(invite.callId(), invite.cseqNumber()))) {
            return false;
        }
        // Counted before it is sent: whoever sees the answer sees the count.
        refused.incrementAndGet();
        byte[] answer = invite.serviceUnavailable(ip, port, admissions.retryAfterSeconds());
        try {
            socket.send(new DatagramPacket(answer, answer.length, from, port));
        } catch (IOException e) {
            // The caller retransmits; the retransmission is refused the same way.
            LOG.debug("503 to {}:{} not sent: {}", ip, port, e.toString());
        }
        return true;
    }

    /** New calls refused on arrival since the node started. */
    public long refused() {
        return refused.get();
    }

    /** ACKs of overload refusals (whichever layer sent the 503) dropped on arrival since the node started. */
    public long acksDropped() {
        return acksDropped.get();
    }
}
