package io.trunkline.edge.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP RI's UDP processor with one change: each datagram is read into a buffer the reading thread keeps and
 * copied out at its own length, where the stack's own loop allocates a new buffer of the maximum message size
 * ({@code sip.max-message-size}, 16 KB) for every datagram before reading it, about 30 % of all a node allocates per
 * call. Everything else is the stack's: the socket, the receive queue the stack's worker channels take from (and that
 * {@link ReceiveGate} may stand in front of; the field is read again for every datagram), the workers themselves.
 */
final class DatagramReader extends UDPMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramReader.class);

    private final int workers;
    private long failures;

    DatagramReader(InetAddress address, SIPTransactionStack stack, int port, int workers) throws IOException {
        super(address, stack, port);
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker thread, got " + workers);
        }
        this.workers = workers;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        messageChannels = new LinkedList<>();
        String stackName = sipStack instanceof SipStackImpl s ? s.getStackName() : "sip";
        for (int i = 0; i < workers; i++) {
            messageChannels.add(new Worker(sipStack, this, stackName + "-UDPMessageChannelThread-" + i));
        }
        byte[] buffer = new byte[getMaximumMessageSize()];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            try {
                packet.setData(buffer, 0, buffer.length);
                sock.receive(packet);
                int length = packet.getLength();
                DatagramPacket own = new DatagramPacket(Arrays.copyOf(buffer, length), length, packet.getAddress(),
                        packet.getPort());
                messageQueue.offer(new DatagramQueuedMessageDispatch(own, System.currentTimeMillis()));
            } catch (SocketException e) {
                if (!isRunning) {
                    return;
                }
                failed(e);
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }
    }

    /** A receive that failed while running: logged, the first ten and then one in a thousand, and read on. */
    private void failed(Exception e) {
        failures++;
        if (failures <= 10 || failures % 1_000 == 0) {
            LOG.warn("UDP receive on port {} failed ({} so far): {}", getPort(), failures, e.toString());
        }
    }

    /**
     * The stack's worker channel, made here (its constructor is for the stack's own package and subclasses); the 400
     * it answers by itself to a request it cannot parse leaves well formed ({@link AutomaticBadRequest}).
     */
    private static final class Worker extends UDPMessageChannel {
        Worker(SIPTransactionStack stack, UDPMessageProcessor processor, String name) {
            super(stack, processor, name);
        }

        @Override
        protected void sendMessage(byte[] message, InetAddress address, int port, String protocol, boolean retry)
                throws IOException {
            super.sendMessage(AutomaticBadRequest.repaired(message), address, port, protocol, retry);
        }
    }
}
