package io.trunkline.edge.transport;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.ListeningPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link DatagramTriage} between each UDP socket of the stack and its receive queue. JAIN-SIP RI's UDP
 * processor reads every datagram on one thread and {@code offer}s it to a queue its worker threads take from; the
 * queue field is replaced, once at start, by a {@link Gated} queue that asks the triage first and hands everything
 * else to the original queue, so workers already waiting on the original queue go on being fed (the workers read the
 * field again on every message). Another stack version without the field leaves the stack as it is (logged).
 */
final class ReceiveGate {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveGate.class);

    private ReceiveGate() {
    }

    /** @return the number of UDP listening points gated */
    @SuppressWarnings("unchecked")
    static int install(List<ListeningPoint> points, DatagramTriage triage) {
        int gated = 0;
        for (ListeningPoint lp : points) {
            if (lp instanceof ListeningPointImpl impl && impl.getMessageProcessor() instanceof UDPMessageProcessor udp) {
                try {
                    Field queueField = UDPMessageProcessor.class.getDeclaredField("messageQueue");
                    Field socketField = UDPMessageProcessor.class.getDeclaredField("sock");
                    queueField.setAccessible(true);
                    socketField.setAccessible(true);
                    Object queue = queueField.get(udp);
                    if (queue instanceof Gated already) {
                        queue = already.inner;
                    }
                    queueField.set(udp, new Gated((BlockingQueue<DatagramQueuedMessageDispatch>) queue,
                            (DatagramSocket) socketField.get(udp), triage));
                    gated++;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.warn("UDP receive queue of {} not replaceable ({}): its datagrams all go to the stack", lp,
                            e.toString());
                }
            }
        }
        return gated;
    }

    /** The stack's receive queue behind a triage: every operation but the producer's goes to the original queue. */
    static final class Gated extends AbstractQueue<DatagramQueuedMessageDispatch>
            implements BlockingQueue<DatagramQueuedMessageDispatch> {

        final BlockingQueue<DatagramQueuedMessageDispatch> inner;
        private final DatagramSocket socket;
        private final DatagramTriage triage;

        Gated(BlockingQueue<DatagramQueuedMessageDispatch> inner, DatagramSocket socket, DatagramTriage triage) {
            this.inner = inner;
            this.socket = socket;
            this.triage = triage;
        }

        private boolean answered(DatagramQueuedMessageDispatch d) {
            try {
                return d != null && d.packet != null && triage.answered(d.packet, socket);
            } catch (RuntimeException e) {
                // The triage failing must never cost a datagram: the stack handles it as it would have.
                LOG.debug("triage failed, datagram queued as usual", e);
                return false;
            }
        }

        @Override
        public boolean offer(DatagramQueuedMessageDispatch d) {
            return answered(d) || inner.offer(d);
        }

        @Override
        public void put(DatagramQueuedMessageDispatch d) throws InterruptedException {
            if (!answered(d)) {
                inner.put(d);
            }
        }

        @Override
        public boolean offer(DatagramQueuedMessageDispatch d, long timeout, TimeUnit unit) throws InterruptedException {
            return answered(d) || inner.offer(d, timeout, unit);
        }

        @Override
        public DatagramQueuedMessageDispatch take() throws InterruptedException {
            return inner.take();
        }

        @Override
        public DatagramQueuedMessageDispatch poll(long timeout, TimeUnit unit) throws InterruptedException {
            return inner.poll(timeout, unit);
        }

        @Override
        public DatagramQueuedMessageDispatch poll() {
            return inner.poll();
        }

        @Override
        public DatagramQueuedMessageDispatch peek() {
            return inner.peek();
        }

        @Override
        public int remainingCapacity() {
            return inner.remainingCapacity();
        }

        @Override
        public int drainTo(Collection<? super DatagramQueuedMessageDispatch> c) {
            return inner.drainTo(c);
        }

        @Override
        public int drainTo(Collection<? super DatagramQueuedMessageDispatch> c, int maxElements) {
            return inner.drainTo(c, maxElements);
        }

        @Override
        public Iterator<DatagramQueuedMessageDispatch> iterator() {
            return inner.iterator();
        }

        @Override
        public int size() {
            return inner.size();
        }
    }
}
