package io.trunkline.camel.edge;

import io.trunkline.contract.events.EdgeEvents;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's side of the {@link EdgeEvents} package (RFC 6665 subscriber), supervised: every second it
 * makes sure each node the directory names has a live subscription — a new one for a node that joined, a
 * refresh before expiry, and a new one when a node's NOTIFYs (events or heartbeats) stop for three heartbeat
 * intervals, when a refresh is answered 481 (the node restarted) or when the node ended it. Each NOTIFY's
 * batch goes to the handler on the receiving thread; the NOTIFY is answered 200 only when the handler
 * returned, 500 when it threw (the node sends the batch again), 481 for a dialog this subscriber does not
 * know (the node drops it).
 */
public final class EdgeEventSubscriber implements SipListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeEventSubscriber.class);
    private static final long SUBSCRIBE_TIMEOUT_MS = 5_000;
    private static final long RETRY_MS = 2_000;

    /** Where the subscriber listens (TCP and UDP), the heartbeat it asks for, the expiry it asks for. */
    public record Settings(String host, int port, long heartbeatMs, int expiresSeconds) {
    }

    /** Takes one NOTIFY's batch; throws when it was not stored. */
    @FunctionalInterface
    public interface Handler {
        void handle(EdgeEvents.Batch batch) throws Exception;
    }

    /** A subscription as health reports show it. */
    public record State(String node, String target, String status, long lastHeardMsAgo, long batches, long events) {
    }

    private final Settings settings;
    private final EdgeDirectory directory;
    private final Handler handler;
    private final SipStack stack;
    /** The stack's threads (see {@link #start}). */
    private final ThreadGroup threads;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final SubscribeRequests requests;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edge-events-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, EdgeSubscription> byNode = new HashMap<>();
    private final Map<String, EdgeSubscription> byCallId = new HashMap<>();
    private final AtomicLong tags = new AtomicLong(System.nanoTime());

    private EdgeEventSubscriber(Settings settings, EdgeDirectory directory, Handler handler, SipStack stack,
                                SipProvider provider, SipFactory factory, ThreadGroup threads) throws Exception {
        this.settings = settings;
        this.threads = threads;
        this.directory = directory;
        this.handler = handler;
        this.stack = stack;
        this.provider = provider;
        this.messages = factory.createMessageFactory();
        this.requests = new SubscribeRequests(settings, messages, factory.createHeaderFactory(),
                factory.createAddressFactory());
    }

    /**
     * Binds the listening points and starts supervising subscriptions. The stack is made on a thread of a group of
     * its own, so that every thread it starts, then or later, is in that group: JAIN-SIP's stop leaves its event
     * scanner waiting on an empty queue for ever, and {@link #close()} ends what the stop leaves.
     */
    public static EdgeEventSubscriber start(Settings settings, EdgeDirectory directory, Handler handler) throws Exception {
        ThreadGroup threads = new ThreadGroup("trunkline-events-" + settings.port());
        FutureTask<EdgeEventSubscriber> starting = new FutureTask<>(() -> start(settings, directory, handler, threads));
        Thread starter = new Thread(threads, starting, "trunkline-events-start");
        starter.setDaemon(true);
        starter.start();
        try {
            return starting.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static EdgeEventSubscriber start(Settings settings, EdgeDirectory directory, Handler handler,
                                             ThreadGroup threads) throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "trunkline-events-" + settings.port());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(1 << 20));
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        SipStack stack = factory.createSipStack(p);
        try {
            ListeningPoint tcp = stack.createListeningPoint(settings.host(), settings.port(), ListeningPoint.TCP);
            ListeningPoint udp = stack.createListeningPoint(settings.host(), settings.port(), ListeningPoint.UDP);
            SipProvider provider = stack.createSipProvider(tcp);
            provider.addListeningPoint(udp);
            EdgeEventSubscriber subscriber = new EdgeEventSubscriber(settings, directory, handler, stack, provider,
                    factory, threads);
            provider.addSipListener(subscriber);
            stack.start();
            subscriber.supervisor.scheduleWithFixedDelay(subscriber::superviseSafely, 0, 1, TimeUnit.SECONDS);
            LOG.info("subscribing to edge events from {}:{} (heartbeat {} ms, expires {} s)", settings.host(),
                    settings.port(), settings.heartbeatMs(), settings.expiresSeconds());
            return subscriber;
        } catch (Exception e) {
            stack.stop();
            threads.interrupt();
            throw e;
        }
    }

    // --- supervision -----------------------------------------------------------------------------

    private void superviseSafely() {
        try {
            supervise();
        } catch (RuntimeException e) {
            LOG.warn("edge event subscriptions not supervised this round: {}", e.toString());
        }
    }

    private synchronized void supervise() {
        Map<String, String> nodes = directory.nodes();
        long now = System.currentTimeMillis();
        for (String gone : new ArrayList<>(byNode.keySet())) {
            if (!nodes.containsKey(gone)) {
                EdgeSubscription s = byNode.remove(gone);
                byCallId.remove(s.callId);
                LOG.info("edge node {} left; its subscription is dropped", gone);
            }
        }
        for (Map.Entry<String, String> node : nodes.entrySet()) {
            if (node.getValue() == null || node.getValue().isBlank()) {
                continue;
            }
            EdgeSubscription s = byNode.get(node.getKey());
            String reason = null;
            if (s == null) {
                reason = "new node";
            } else if (!s.target.equals(node.getValue())) {
                reason = "node moved to " + node.getValue();
            } else if (s.status == EdgeSubscription.Status.SUBSCRIBING && now - s.sentAt > SUBSCRIBE_TIMEOUT_MS) {
                reason = "SUBSCRIBE unanswered";
            } else if (s.status == EdgeSubscription.Status.ACTIVE && now - s.lastHeard > 3 * settings.heartbeatMs()) {
                reason = "no NOTIFY for " + (now - s.lastHeard) + " ms";
            } else if (s.status == EdgeSubscription.Status.RETRYING && now >= s.retryAt) {
                reason = "retry";
            }
            try {
                if (reason != null) {
                    subscribe(node.getKey(), node.getValue(), reason);
                } else if (s.status == EdgeSubscription.Status.ACTIVE && now >= s.refreshAt) {
                    send(s, settings.expiresSeconds());
                    s.refreshAt = now + settings.expiresSeconds() * 1000L / 3;
                }
            } catch (Exception e) {
                LOG.warn("cannot subscribe to edge node {} at {}: {}", node.getKey(), node.getValue(), e.toString());
                EdgeSubscription failed = byNode.get(node.getKey());
                if (failed != null) {
                    failed.status = EdgeSubscription.Status.RETRYING;
                    failed.retryAt = now + RETRY_MS;
                }
            }
        }
    }

    private void subscribe(String node, String target, String reason) throws Exception {
        EdgeSubscription old = byNode.remove(node);
        if (old != null) {
            byCallId.remove(old.callId);
        }
        EdgeSubscription s = new EdgeSubscription(node, target, provider.getNewCallId().getCallId(), tag());
        byNode.put(node, s);
        byCallId.put(s.callId, s);
        LOG.info("subscribing to events of edge node {} at {} ({})", node, target, reason);
        send(s, settings.expiresSeconds());
    }

    private void send(EdgeSubscription s, int expires) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(requests.subscribe(s, expires));
        s.sentAt = System.currentTimeMillis();
        ct.sendRequest();
    }

    // --- SIP -------------------------------------------------------------------------------------

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            ServerTransaction st;
            try {
                st = event.getServerTransaction() != null ? event.getServerTransaction()
                        : provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException e) {
                return;
            }
            if (!Request.NOTIFY.equals(request.getMethod())) {
                st.sendResponse(messages.createResponse(Request.OPTIONS.equals(request.getMethod()) ? Response.OK
                        : Response.METHOD_NOT_ALLOWED, request));
                return;
            }
            onNotify(request, st);
        } catch (Exception e) {
            LOG.warn("{} from an edge node not answered: {}", request.getMethod(), e.toString());
        }
    }

    private void onNotify(Request request, ServerTransaction st) throws Exception {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        EdgeSubscription s;
        synchronized (this) {
            s = byCallId.get(callId);
            if (s != null) {
                s.lastHeard = System.currentTimeMillis();
                if (s.toTag == null) {
                    // The NOTIFY overtook the SUBSCRIBE's 200 (RFC 6665 §4.1.2.4): it establishes the dialog.
                    s.toTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
                    s.status = EdgeSubscription.Status.ACTIVE;
                    s.refreshAt = s.lastHeard + settings.expiresSeconds() * 1000L / 3;
                }
            }
        }
        if (s == null) {
            st.sendResponse(messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            return;
        }
        EdgeEvents.Batch batch = null;
        byte[] body = request.getRawContent();
        if (body != null && body.length > 0) {
            try {
                batch = EdgeEvents.read(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                Response bad = messages.createResponse(Response.BAD_REQUEST, request);
                bad.setReasonPhrase("Bad Request (" + e.getMessage() + ")");
                st.sendResponse(bad);
                LOG.warn("NOTIFY from edge node {} refused: {}", s.node, e.getMessage());
                return;
            }
        }
        if (batch != null && !batch.events().isEmpty()) {
            try {
                handler.handle(batch);
            } catch (Exception e) {
                Response failed = messages.createResponse(Response.SERVER_INTERNAL_ERROR, request);
                failed.setReasonPhrase("Events Not Stored");
                st.sendResponse(failed);
                LOG.warn("{} event(s) from edge node {} not stored (the node sends them again): {}",
                        batch.events().size(), s.node, rootMessage(e));
                return;
            }
        }
        st.sendResponse(messages.createResponse(Response.OK, request));
        SubscriptionStateHeader state = (SubscriptionStateHeader) request.getHeader(SubscriptionStateHeader.NAME);
        synchronized (this) {
            if (batch != null) {
                s.batches++;
                s.events += batch.events().size();
            }
            if (state != null && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState())
                    && byCallId.get(callId) == s) {
                s.status = EdgeSubscription.Status.RETRYING;
                s.retryAt = System.currentTimeMillis();
                LOG.info("edge node {} ended the subscription ({}); subscribing again", s.node, state.getReasonCode());
            }
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (cseq == null || !Request.SUBSCRIBE.equals(cseq.getMethod()) || response.getStatusCode() < 200) {
            return;
        }
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        synchronized (this) {
            EdgeSubscription s = byCallId.get(callId);
            if (s == null) {
                return;
            }
            long now = System.currentTimeMillis();
            int code = response.getStatusCode();
            if (code < 300) {
                if (s.toTag == null) {
                    s.toTag = ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
                }
                ExpiresHeader expires = response.getExpires();
                int granted = expires == null ? settings.expiresSeconds() : expires.getExpires();
                if (s.status != EdgeSubscription.Status.ACTIVE) {
                    s.lastHeard = now;
                }
                s.status = EdgeSubscription.Status.ACTIVE;
                s.refreshAt = now + granted * 1000L / 3;
            } else {
                s.status = EdgeSubscription.Status.RETRYING;
                // 481 to a refresh: the node does not know the dialog any more (it restarted); at once.
                s.retryAt = code == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST ? now : now + RETRY_MS;
                LOG.warn("edge node {} answered SUBSCRIBE {} {}", s.node, code, response.getReasonPhrase());
            }
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        String callId = ((CallIdHeader) event.getClientTransaction().getRequest().getHeader(CallIdHeader.NAME)).getCallId();
        synchronized (this) {
            EdgeSubscription s = byCallId.get(callId);
            if (s != null) {
                s.status = EdgeSubscription.Status.RETRYING;
                s.retryAt = System.currentTimeMillis() + RETRY_MS;
            }
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("I/O error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Subscriptions are kept by Call-ID, not by transaction.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // No stack dialogs: automatic dialog support is off.
    }

    /** Every subscription's state, for health reports. */
    public synchronized Map<String, State> states() {
        long now = System.currentTimeMillis();
        Map<String, State> out = new LinkedHashMap<>();
        for (EdgeSubscription s : byNode.values()) {
            out.put(s.node, new State(s.node, s.target, s.status.name(), s.lastHeard == 0 ? -1 : now - s.lastHeard,
                    s.batches, s.events));
        }
        return out;
    }

    private String tag() {
        return Long.toHexString(tags.incrementAndGet());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** Ends every subscription (Expires: 0) and stops the stack. */
    @Override
    public void close() {
        supervisor.shutdownNow();
        synchronized (this) {
            for (EdgeSubscription s : byNode.values()) {
                if (s.status == EdgeSubscription.Status.ACTIVE) {
                    try {
                        send(s, 0);
                    } catch (Exception e) {
                        LOG.debug("unsubscribe from {} not sent: {}", s.node, e.toString());
                    }
                }
            }
            byNode.clear();
            byCallId.clear();
        }
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stack.stop();
        // What the stop leaves (the event scanner, waiting on its queue) ends on an interrupt.
        threads.interrupt();
    }
}
