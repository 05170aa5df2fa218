package io.trunkline.edge.events;

import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.edge.cdr.Journal;
import io.trunkline.edge.transport.LocalPoint;
import io.trunkline.edge.transport.SipEndpoint;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge node as notifier of the {@value EdgeEvents#PACKAGE} event package (RFC 6665): the platform
 * subscribes, and the node sends its journal's pending events to the subscriber in numbered batches,
 * one NOTIFY at a time in the subscription's dialog (CSeq increasing), an empty NOTIFY as heartbeat when
 * there is nothing to send. Events leave the journal only when their NOTIFY is answered 2xx; any other
 * answer, or none, leaves them pending and they go again. A new subscription replaces the old one and
 * starts again from the oldest pending event, so a platform that restarted gets everything it did not
 * confirm. Events are sent as soon as a batch is full ({@code events.batch}); fewer wait up to {@code events.linger-ms}
 * from the first for more to join them, so at a few hundred calls a second a NOTIFY carries tens of records rather
 * than the few of one journal group (every 20 ms), and the platform's cost of a NOTIFY (its SIP transaction, a
 * database transaction, the duplicate check) is shared by all of them. Each batch is checked entry by entry ({@link EventBatcher}): an entry that cannot be sent is set aside,
 * never resent forever. SUBSCRIBEs are taken only from the configured subscriber addresses (403 otherwise).
 */
public final class EventNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventNotifier.class);
    static final int MIN_EXPIRES = 60;
    static final int MAX_EXPIRES = 3600;
    static final long DEFAULT_HEARTBEAT_MS = 5_000;
    /** An unanswered NOTIFY is given up on after this long and its events sent again. */
    static final long NOTIFY_TIMEOUT_MS = 10_000;
    static final long RETRY_AFTER_FAILURE_MS = 1_000;

    private final SipEndpoint sip;
    private final Journal journal;
    private final String node;
    private final Set<String> subscribers;
    private final EventBatcher batcher;
    private final int batchEvents;
    private final int lingerMs;
    /** When the pending events began to wait for a fuller batch; 0 when none waits. */
    private long lingerSince;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edge-events");
        t.setDaemon(true);
        return t;
    });

    private EventSubscription current;
    private long delivered;
    private long refused;

    public EventNotifier(SipEndpoint sip, Journal journal, String node, Set<String> subscribers, int batchEvents,
                         int batchBytes, int lingerMs) {
        this.sip = sip;
        this.journal = journal;
        this.node = node;
        this.subscribers = Set.copyOf(subscribers);
        this.batcher = new EventBatcher(journal, node, batchEvents, batchBytes);
        this.batchEvents = batchEvents;
        this.lingerMs = lingerMs;
    }

    public void start() {
        clock.scheduleWithFixedDelay(this::pumpSafely, 100, 100, TimeUnit.MILLISECONDS);
        journal.onDeliverable(() -> clock.execute(this::pumpSafely));
        LOG.info("events of {} offered as '{}' to subscribers {}; {} pending", node, EdgeEvents.PACKAGE, subscribers,
                journal.pendingCount());
    }

    // --- SUBSCRIBE ---------------------------------------------------------------------------------

    /** A SUBSCRIBE reaching the node, new or refreshing. */
    public void onSubscribe(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        Request request = event.getRequest();
        ServerTransaction st;
        try {
            st = sip.serverTransaction(event);
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission; the transaction answers it
        }
        String source = ((gov.nist.javax.sip.RequestEventExt) event).getRemoteIpAddress();
        if (!subscribers.contains(source)) {
            refused++;
            st.sendResponse(response(Response.FORBIDDEN, request, null));
            LOG.warn("SUBSCRIBE from {} refused 403: not a configured event subscriber", source);
            return;
        }
        EventHeader eventHeader = (EventHeader) request.getHeader(EventHeader.NAME);
        if (eventHeader == null || !EdgeEvents.PACKAGE.equalsIgnoreCase(eventHeader.getEventType())) {
            Response bad = response(Response.BAD_EVENT, request, null);
            bad.addHeader(sip.factories().headers().createAllowEventsHeader(EdgeEvents.PACKAGE));
            st.sendResponse(bad);
            return;
        }
        ExpiresHeader expiresHeader = request.getExpires();
        int expires = expiresHeader == null ? 600 : expiresHeader.getExpires();
        if (expires > 0 && expires < MIN_EXPIRES) {
            Response brief = response(Response.INTERVAL_TOO_BRIEF, request, null);
            brief.addHeader(sip.factories().headers().createMinExpiresHeader(MIN_EXPIRES));
            st.sendResponse(brief);
            return;
        }
        expires = Math.min(expires, MAX_EXPIRES);
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        synchronized (this) {
            EventSubscription s;
            if (to.getTag() != null) {
                // A refresh (or an unsubscribe) in an existing dialog; a dialog this node does not know is gone.
                if (current == null || !current.callId.equals(callId) || !to.getTag().equals(current.notifierTag)) {
                    st.sendResponse(response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
                    return;
                }
                s = current;
            } else {
                if (contact == null) {
                    st.sendResponse(badRequest(request, "Contact required"));
                    return;
                }
                String transport = transportOf(contact.getAddress().getURI(), request);
                long heartbeat = heartbeatOf(eventHeader);
                s = new EventSubscription(callId, from.getAddress(), from.getTag(), to.getAddress(), tag(),
                        contact.getAddress().getURI(), transport, heartbeat);
                if (current != null) {
                    LOG.info("subscription {} replaced by {} from {}", current.callId, callId, source);
                }
                current = s;
            }
            Response ok = response(Response.OK, request, s.notifierTag);
            ok.addHeader(sip.factories().headers().createExpiresHeader(expires));
            ok.addHeader(contactHeader(s.transport));
            st.sendResponse(ok);
            if (expires == 0) {
                s.terminating = true;
                s.inFlight = null;
            } else {
                s.expiresAt = System.currentTimeMillis() + expires * 1000L;
                // RFC 6665 §4.2.1.2: a NOTIFY follows every accepted SUBSCRIBE; a new subscriber starts from
                // the oldest pending event, whatever an earlier subscriber had in flight.
                s.inFlight = null;
                s.notBefore = 0;
            }
            LOG.info("subscription {} from {} {} (expires {} s, heartbeat {} ms); {} event(s) pending", callId, source,
                    to.getTag() == null ? "accepted" : "refreshed", expires, s.heartbeatMs, journal.pendingCount());
        }
        clock.execute(this::pumpSafely);
    }

    // --- NOTIFY ------------------------------------------------------------------------------------

    private void pumpSafely() {
        try {
            pump();
        } catch (Exception e) {
            LOG.warn("events not sent: {}", e.toString());
            synchronized (this) {
                if (current != null) {
                    current.inFlight = null;
                    current.notBefore = System.currentTimeMillis() + RETRY_AFTER_FAILURE_MS;
                }
            }
        }
    }

    private synchronized void pump() throws SipException, ParseException, InvalidArgumentException, IOException {
        EventSubscription s = current;
        if (s == null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (s.inFlight != null) {
            if (now - s.inFlightSince < NOTIFY_TIMEOUT_MS) {
                return;
            }
            LOG.warn("NOTIFY of {} event(s) unanswered for {} ms; sending them again", s.inFlight.size(), NOTIFY_TIMEOUT_MS);
            s.inFlight = null;
        }
        if (now < s.notBefore) {
            return;
        }
        if (s.terminating || now >= s.expiresAt) {
            current = null;
            send(s, List.of(), List.of(), s.terminating ? "terminated;reason=noresource" : "terminated;reason=timeout");
            LOG.info("subscription {} ended ({})", s.callId, s.terminating ? "unsubscribed" : "not refreshed");
            return;
        }
        if (lingering(now)) {
            return;
        }
        EventBatcher.Batch batch = batcher.next();
        List<EdgeEvents.Event> events = batch.events();
        List<Long> sequences = batch.sequences();
        if (events.isEmpty() && now - s.lastSentAt < s.heartbeatMs) {
            return;
        }
        lingerSince = 0;
        long remaining = Math.max(1, (s.expiresAt - now) / 1000);
        s.inFlight = sequences;
        s.inFlightSince = now;
        s.lastSentAt = now;
        send(s, events, sequences, "active;expires=" + remaining);
    }

    /**
     * Whether the pending events wait for more: fewer than a batch, for less than the linger since the first was seen
     * (a pump is then due when the linger ends). Counted from the journal, not from a batch, so waiting reads nothing;
     * only events already forced to disk count, the ones a batch is made of, so a batch being appended and not yet
     * forced neither ends the wait early nor goes out part-sent.
     */
    private boolean lingering(long now) {
        if (lingerMs == 0) {
            return false;
        }
        int pending = journal.deliverableCount();
        if (pending == 0) {
            lingerSince = 0;
            return false;
        }
        if (pending >= batchEvents) {
            return false;
        }
        if (lingerSince == 0) {
            lingerSince = now;
            clock.schedule(this::pumpSafely, lingerMs, TimeUnit.MILLISECONDS);
            return true;
        }
        return now - lingerSince < lingerMs;
    }

    private void send(EventSubscription s, List<EdgeEvents.Event> events, List<Long> sequences, String state)
            throws SipException, ParseException, InvalidArgumentException {
        HeaderFactory h = sip.factories().headers();
        LocalPoint lp = sip.local(s.transport);
        Request notify = sip.factories().messages().createRequest(s.contact, Request.NOTIFY, h.createCallIdHeader(s.callId),
                h.createCSeqHeader(++s.cseq, Request.NOTIFY), h.createFromHeader(s.notifier, s.notifierTag),
                h.createToHeader(s.subscriber, s.subscriberTag),
                List.of(h.createViaHeader(lp.address(), lp.port(), lp.transport().toUpperCase(java.util.Locale.ROOT), null)),
                h.createMaxForwardsHeader(70));
        notify.addHeader(h.createEventHeader(EdgeEvents.PACKAGE));
        int semicolon = state.indexOf(';');
        SubscriptionStateHeader ss = h.createSubscriptionStateHeader(semicolon < 0 ? state : state.substring(0, semicolon));
        if (state.contains("expires=")) {
            ss.setExpires(Integer.parseInt(state.substring(state.indexOf("expires=") + 8)));
        } else if (state.contains("reason=")) {
            ss.setReasonCode(state.substring(state.indexOf("reason=") + 7));
        }
        notify.addHeader(ss);
        notify.addHeader(contactHeader(s.transport));
        notify.setContent(EdgeEvents.write(node, events).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                h.createContentTypeHeader(EdgeEvents.CONTENT_TYPE, EdgeEvents.CONTENT_SUBTYPE));
        ClientTransaction ct = sip.clientTransaction(notify);
        ct.setApplicationData(new Sent(s, sequences));
        ct.sendRequest();
    }

    private record Sent(EventSubscription subscription, List<Long> sequences) {
    }

    /** The subscriber's answer to a NOTIFY. */
    public void onResponse(ResponseEvent event) {
        int code = event.getResponse().getStatusCode();
        if (code < 200 || event.getClientTransaction() == null
                || !(event.getClientTransaction().getApplicationData() instanceof Sent sent)) {
            return;
        }
        boolean pumpNow = false;
        synchronized (this) {
            EventSubscription s = sent.subscription();
            if (code < 300) {
                try {
                    journal.acknowledge(sent.sequences());
                    delivered += sent.sequences().size();
                } catch (IOException e) {
                    LOG.error("acknowledgement of {} event(s) not journaled (they will go again): {}",
                            sent.sequences().size(), e.toString());
                }
                if (s.inFlight == sent.sequences()) {
                    s.inFlight = null;
                    pumpNow = true;
                }
            } else if (s.inFlight == sent.sequences()) {
                s.inFlight = null;
                if (code == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST) {
                    // RFC 6665 §4.1.3: the subscriber no longer knows the dialog; it will subscribe again.
                    if (current == s) {
                        current = null;
                    }
                    LOG.info("subscription {} gone at the subscriber (481)", s.callId);
                } else {
                    s.notBefore = System.currentTimeMillis() + RETRY_AFTER_FAILURE_MS;
                    LOG.warn("NOTIFY of {} event(s) answered {}; sending again in {} ms", sent.sequences().size(), code,
                            RETRY_AFTER_FAILURE_MS);
                }
            }
        }
        if (pumpNow) {
            clock.execute(this::pumpSafely);
        }
    }

    /** A NOTIFY the transaction layer gave up on. */
    public void onTimeout(TimeoutEvent event) {
        if (event.getClientTransaction() != null && event.getClientTransaction().getApplicationData() instanceof Sent sent) {
            synchronized (this) {
                if (sent.subscription().inFlight == sent.sequences()) {
                    sent.subscription().inFlight = null;
                    sent.subscription().notBefore = System.currentTimeMillis() + RETRY_AFTER_FAILURE_MS;
                }
            }
        }
    }

    public synchronized long delivered() {
        return delivered;
    }

    public synchronized long refused() {
        return refused;
    }

    /** Journal entries set aside as unsendable since start. */
    public synchronized long setAside() {
        return batcher.setAside();
    }

    // --- helpers -----------------------------------------------------------------------------------

    private Response response(int code, Request request, String toTag) throws ParseException {
        Response r = sip.factories().messages().createResponse(code, request);
        if (toTag != null) {
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(toTag);
        }
        return r;
    }

    private Response badRequest(Request request, String why) throws ParseException {
        Response r = response(Response.BAD_REQUEST, request, null);
        r.setReasonPhrase("Bad Request (" + why + ")");
        return r;
    }

    private ContactHeader contactHeader(String transport) throws ParseException {
        LocalPoint lp = sip.local(transport);
        SipURI uri = sip.factories().addresses().createSipURI("events", lp.address());
        uri.setPort(lp.port());
        uri.setTransportParam(lp.transport());
        return sip.factories().headers().createContactHeader(sip.factories().addresses().createAddress(uri));
    }

    private static String transportOf(URI contact, Request request) {
        if (contact instanceof SipURI uri && uri.getTransportParam() != null) {
            return uri.getTransportParam().toLowerCase();
        }
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null ? "udp" : via.getTransport().toLowerCase();
    }

    private static long heartbeatOf(EventHeader header) {
        String value = header.getParameter(EdgeEvents.HEARTBEAT_PARAM);
        if (value == null) {
            return DEFAULT_HEARTBEAT_MS;
        }
        try {
            return Math.max(500, Math.min(60_000, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_HEARTBEAT_MS;
        }
    }

    private static String tag() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
