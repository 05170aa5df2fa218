package io.trunkline.edge.transport;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.function.BiPredicate;

/**
 * Looks at a datagram as it comes off the wire, on the transport's receive thread, before it joins the stack's
 * receive queue: a datagram the triage answers itself never waits behind the backlog, and never reaches the stack.
 * It must be quick and must not throw: it runs once per datagram on the one thread that reads the socket.
 */
@FunctionalInterface
public interface DatagramTriage {

    /** Every datagram goes to the stack. */
    DatagramTriage NONE = (packet, socket) -> false;

    /**
     * Whether the datagram is dealt with here (answered, or dropped on purpose) and must not be queued for the stack.
     *
     * @param packet the datagram as received (its data, length, source address and port)
     * @param socket the socket it came in on: an answer sent from it leaves from the port the sender used
     * @return true when the datagram was answered or dropped here and must not be queued for the stack
     */
    boolean answered(DatagramPacket packet, DatagramSocket socket);

    /** Drops, unanswered, every datagram whose source address (as text) and port {@code source} accepts. */
    static DatagramTriage dropping(BiPredicate<String, Integer> source) {
        return (packet, socket) -> {
            InetAddress from = packet.getAddress();
            return from != null && source.test(from.getHostAddress(), packet.getPort());
        };
    }

    /** This triage, then {@code next} for the datagrams this one did not answer. */
    default DatagramTriage then(DatagramTriage next) {
        return (packet, socket) -> answered(packet, socket) || next.answered(packet, socket);
    }
}
