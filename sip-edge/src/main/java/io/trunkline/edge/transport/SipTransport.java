package io.trunkline.edge.transport;

import io.trunkline.edge.config.EdgeConfig;
import io.trunkline.edge.config.SipSettings;
import io.trunkline.edge.config.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.message.MessageFactory;
import javax.sip.header.HeaderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The SIP transport layer of an edge node: one JAIN-SIP stack with a listening point per configured
 * transport on the node's SIP address, all feeding one provider and one listener.
 */
public final class SipTransport implements SipEndpoint, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class);

    /** The To tag of the node's stateless answers to requests outside a dialog. */
    static final String STATELESS_TAG = "tl-sl";

    private final SipStack stack;
    private final SipProvider provider;
    private final MessageFactory messageFactory;
    private final HeaderFactory headerFactory;
    private final javax.sip.address.AddressFactory addressFactory;
    private final SipFactories factories;
    private final List<ListeningPoint> listeningPoints;
    private final ReceiveQueue receiveQueue;
    private final TransactionWait wait;

    private SipTransport(SipStack stack, SipProvider provider, SipFactories factories,
                         List<ListeningPoint> listeningPoints, int waitTimerMs) {
        this.wait = new TransactionWait(waitTimerMs);
        this.stack = stack;
        this.provider = provider;
        this.factories = factories;
        this.messageFactory = factories.messages();
        this.headerFactory = factories.headers();
        this.addressFactory = factories.addresses();
        this.listeningPoints = listeningPoints;
        this.receiveQueue = ReceiveQueue.of(listeningPoints);
    }

    /** How long the oldest datagram has waited in the stack's receive queue, in milliseconds (a load signal). */
    public long receiveQueueWaitMillis() {
        return receiveQueue.oldestWaitMillis();
    }

    /**
     * Puts {@code triage} in front of the receive queue of every UDP listening point: it sees each datagram as it
     * comes off the wire and may answer it there, ahead of the backlog (see {@link ReceiveGate}).
     */
    public void triage(DatagramTriage triage) {
        int gated = ReceiveGate.install(listeningPoints, triage);
        LOG.info("datagram triage on {} UDP listening point(s)", gated);
    }

    /** Binds every configured transport and starts the stack; nothing is delivered until {@link #listen}. */
    public static SipTransport bind(EdgeConfig config) throws SipException {
        return bind(config.nodeId(), config.sip());
    }

    /** Binds every transport of {@code config} and starts the stack; nothing is delivered until {@link #listen}. */
    public static SipTransport bind(String nodeId, SipSettings config) throws SipException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        TlsSettings tls = config.tls();
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "trunkline-edge-" + nodeId);
        // The B2BUA pairs dialogs itself; the stack must not create them behind its back.
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(config.threads()));
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(config.maxMessageSize()));
        // The UDP socket's buffers (the stack's own default is 64 KiB): room for bursts while the node pauses.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(config.udpBuffer()));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(config.udpBuffer()));
        warnIfCapped(config.udpBuffer());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        // The stack keeps ended transactions to absorb retransmissions (Timer J and D: sip.wait-timer-ms, see
        // TransactionWait); without this each one holds its whole request and response, which at a few hundred
        // calls/s fills the heap (the B2BUA keeps what it needs).
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        // Overload: a request that waited longer than this in the receive queue is dropped, not processed late
        // (the sender retransmits over UDP), so a backlog cannot grow without bound.
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "4000");
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", EdgeMessageParserFactory.class.getName());
        // UDP read into one kept buffer per socket, not a new 16 KB one per datagram (DatagramReader).
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", EdgeMessageProcessors.class.getName());
        if (tls.keystore() != null) {
            p.setProperty("javax.net.ssl.keyStore", tls.keystore().toAbsolutePath().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", tls.keystorePassword());
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            p.setProperty("javax.net.ssl.trustStore", tls.truststore().toAbsolutePath().toString());
            p.setProperty("javax.net.ssl.trustStorePassword", tls.truststorePassword());
            p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", tls.clientAuth());
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
            // The stack's own default list is of RSA-only suites from before TLS 1.2; these serve RSA and EC keys.
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",",
                    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        }
        SipStack stack = factory.createSipStack(p);

        List<ListeningPoint> points = new ArrayList<>();
        try {
            for (String transport : config.transports()) {
                points.add(stack.createListeningPoint(config.address(), config.portOf(transport), transport));
            }
            SipProvider provider = stack.createSipProvider(points.get(0));
            for (int i = 1; i < points.size(); i++) {
                provider.addListeningPoint(points.get(i));
            }
            stack.start();
            return new SipTransport(stack, provider, SipFactories.reference(), List.copyOf(points), config.waitTimerMs());
        } catch (Exception e) {
            stack.stop();
            throw e instanceof SipException ? (SipException) e : new SipException("cannot bind SIP", e);
        }
    }

    public void listen(SipListener listener) throws SipException {
        try {
            provider.addSipListener(listener);
        } catch (java.util.TooManyListenersException e) {
            throw new SipException("a listener is already registered", e);
        }
    }

    @Override
    public SipFactories factories() {
        return factories;
    }

    @Override
    public LocalPoint local(String transport) {
        ListeningPoint lp = listeningPoint(transport);
        return new LocalPoint(lp.getIPAddress(), lp.getPort(), lp.getTransport());
    }

    @Override
    public javax.sip.header.CallIdHeader newCallId() {
        return provider.getNewCallId();
    }

    @Override
    public javax.sip.ServerTransaction serverTransaction(javax.sip.RequestEvent event) throws SipException {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        javax.sip.ServerTransaction st = provider.getNewServerTransaction(event.getRequest());
        wait.serverCreated(st);
        return st;
    }

    @Override
    public javax.sip.ClientTransaction clientTransaction(javax.sip.message.Request request) throws SipException {
        javax.sip.ClientTransaction ct = provider.getNewClientTransaction(request);
        wait.clientCreated(ct);
        return ct;
    }

    @Override
    public void sendStateless(javax.sip.message.Request request) throws SipException {
        provider.sendRequest(request);
    }

    @Override
    public void sendStateless(javax.sip.message.Response response) throws SipException {
        javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) response.getHeader(javax.sip.header.ToHeader.NAME);
        if (response.getStatusCode() > 100 && to != null && to.getTag() == null) {
            // RFC 3261 §8.2.6.2: every answer but a 100 carries a To tag; a fixed one keeps the answer stateless (a
            // retransmitted request gets the same answer), as Kamailio's sl module does.
            try {
                to.setTag(STATELESS_TAG);
            } catch (java.text.ParseException e) {
                throw new SipException("To tag not set", e);
            }
        }
        provider.sendResponse(response);
    }

    public SipProvider provider() {
        return provider;
    }

    public MessageFactory messageFactory() {
        return messageFactory;
    }

    public HeaderFactory headerFactory() {
        return headerFactory;
    }

    public javax.sip.address.AddressFactory addressFactory() {
        return addressFactory;
    }

    /** The listening point for a transport ({@code udp}, {@code tcp}), or the first one. */
    public ListeningPoint listeningPoint(String transport) {
        for (ListeningPoint lp : listeningPoints) {
            if (lp.getTransport().equalsIgnoreCase(transport)) {
                return lp;
            }
        }
        return listeningPoints.get(0);
    }

    public List<String> describeListeningPoints() {
        List<String> out = new ArrayList<>();
        for (ListeningPoint lp : listeningPoints) {
            out.add(lp.getTransport().toLowerCase() + ":" + lp.getIPAddress() + ":" + lp.getPort());
        }
        return out;
    }

    @Override
    public void close() {
        for (ListeningPoint lp : listeningPoints) {
            try {
                stack.deleteListeningPoint(lp);
            } catch (ObjectInUseException e) {
                LOG.debug("listening point {} still in use at shutdown", lp, e);
            }
        }
        stack.stop();
    }

    /**
     * The kernel caps a socket's buffer at {@code net.core.rmem_max}: says so when that is below what is asked. The
     * cap is read off a socket given the size (Linux reports up to twice what it grants, for its bookkeeping), not off
     * {@code /proc}, which some kernels serve in pieces shorter than the number.
     */
    private static void warnIfCapped(int asked) {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(null)) {
            probe.setReceiveBufferSize(asked);
            int granted = probe.getReceiveBufferSize();
            if (granted < asked) {
                org.slf4j.LoggerFactory.getLogger(SipTransport.class).warn("sip.udp-buffer {} bytes asked, the kernel "
                        + "grants {} (net.core.rmem_max caps it): bursts beyond it are dropped; raise it with "
                        + "sysctl -w net.core.rmem_max={}", asked, granted, asked);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no socket to ask: the kernel's cap is unknown
        }
    }
}
