package io.trunkline.edge.transport;

import java.net.DatagramPacket;
import java.net.DatagramSocket;

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
     * @param packet the datagram as received (its data, length, source address and port)
     * @param socket the socket it came in on: an answer sent from it leaves from the port the sender used
     * @return true when the datagram was answered here and must not be queued for the stack
     */
    boolean answered(DatagramPacket packet, DatagramSocket socket);
}
