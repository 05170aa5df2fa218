package io.trunkline.edge.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's message processors (property {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}): UDP read by a
 * {@link DatagramReader}, TCP and TLS as the stack's own factory makes them. The stack marks itself as having UDP
 * when its factory makes a UDP processor (it then sends datagrams from the listening socket); that mark has no
 * setter, so it is set here by reflection, and where it cannot be (another stack version), UDP is left to the
 * stack's own processor, logged.
 */
public final class EdgeMessageProcessors implements MessageProcessorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeMessageProcessors.class);

    private final MessageProcessorFactory standard = new OIOMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        int workers = workers(stack);
        if ("udp".equalsIgnoreCase(transport) && workers > 0 && markUdp(stack)) {
            return new DatagramReader(address, stack, port, workers);
        }
        return standard.createMessageProcessor(stack, address, port, transport);
    }

    /** The stack's worker threads for UDP ({@code THREAD_POOL_SIZE}), or 0 when it has none configured. */
    static int workers(SIPTransactionStack stack) {
        if (stack instanceof SipStackImpl s && s.getConfigurationProperties() != null) {
            try {
                return Integer.parseInt(s.getConfigurationProperties().getProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "0").trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static boolean markUdp(SIPTransactionStack stack) {
        try {
            Field udp = SIPTransactionStack.class.getDeclaredField("udpFlag");
            udp.setAccessible(true);
            udp.setBoolean(stack, true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("the stack's UDP mark is not settable ({}): UDP is read by the stack's own processor", e.toString());
            return false;
        }
    }
}
