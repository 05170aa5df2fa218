package io.trunkline.edge.transport;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import javax.sip.ListeningPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the oldest datagram has waited in the stack's UDP receive queue: the delay every request, answer and
 * retransmission now meets before the node even reads it, and so the first sign that the node is behind. JAIN-SIP RI
 * reads each UDP listening point into a queue of {@link DatagramQueuedMessageDispatch} stamped with their reception
 * time ({@code System.currentTimeMillis()}) for its thread pool; the queue has no public accessor, so it is read by
 * reflection once at start. Without it (another stack version) the wait reads 0 and the other signals judge alone.
 */
final class ReceiveQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveQueue.class);

    private final List<BlockingQueue<?>> queues;

    private ReceiveQueue(List<BlockingQueue<?>> queues) {
        this.queues = queues;
    }

    static ReceiveQueue of(List<ListeningPoint> points) {
        List<BlockingQueue<?>> queues = new ArrayList<>();
        for (ListeningPoint lp : points) {
            if (lp instanceof ListeningPointImpl impl && impl.getMessageProcessor() instanceof UDPMessageProcessor udp) {
                try {
                    Field f = UDPMessageProcessor.class.getDeclaredField("messageQueue");
                    f.setAccessible(true);
                    if (f.get(udp) instanceof BlockingQueue<?> q) {
                        queues.add(q);
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.warn("UDP receive queue of {} not readable ({}): overload control judges without it", lp, e.toString());
                }
            }
        }
        return new ReceiveQueue(List.copyOf(queues));
    }

    /** Milliseconds the oldest queued datagram has waited; 0 when every queue is empty or unreadable. */
    long oldestWaitMillis() {
        long oldest = 0;
        long now = System.currentTimeMillis();
        for (BlockingQueue<?> q : queues) {
            if (q.peek() instanceof DatagramQueuedMessageDispatch d) {
                oldest = Math.max(oldest, now - d.getReceptionTime());
            }
        }
        return oldest;
    }
}
