package io.trunkline.edge.transport;

import gov.nist.javax.sip.RequestEventExt;
import io.trunkline.edge.security.SourceGuard;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of every SIP event reaching the node. Keep-alive OPTIONS are answered here (the probes PBXs and
 * carriers send to see that the edge is up); every other request goes to the handler registered for its
 * method, answers and timeouts to the handler registered for their transaction's method. The layers above
 * register themselves; the transport knows none of them.
 */
public final class SipDispatcher implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SipDispatcher.class);
    /**
     * The Request-URI schemes the node takes: SIP and SIPS (RFC 3261 §19.1), telephone numbers (RFC 3966) and service
     * URNs (RFC 5031: {@code urn:service:sos}, which an emergency call may carry and which is never refused here).
     */
    static final Set<String> SCHEMES = Set.of("sip", "sips", "tel", "urn");

    /** SIP methods of the RFCs the edge knows of but does not take (RFC 3265, 3262, 3311, 3428, 3515, 3903, 6086). */
    static final Set<String> KNOWN = Set.of("REGISTER", "NOTIFY", "PRACK", "MESSAGE", "REFER", "PUBLISH", "INFO",
            "SUBSCRIBE", "UPDATE", "INVITE", "ACK", "BYE", "CANCEL");

    private final SipEndpoint endpoint;
    private final Map<String, SipRequestHandler> requests = new LinkedHashMap<>();
    private final Map<String, SipResponseHandler> responses = new LinkedHashMap<>();
    private final Map<String, SipTimeoutHandler> timeouts = new LinkedHashMap<>();
    private SipResponseHandler otherResponses = event -> {
    };
    private SipTimeoutHandler otherTimeouts = SipTimeoutHandler.IGNORE;
    private final AtomicLong optionsAnswered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private SourceGuard guard = SourceGuard.OPEN;

    public SipDispatcher(SipEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Asked about every request before anything else is done with it. */
    public SipDispatcher guard(SourceGuard sourceGuard) {
        guard = sourceGuard;
        return this;
    }

    /** Requests of {@code method} go to {@code handler}; the method is then in the Allow header. */
    public SipDispatcher onRequest(String method, SipRequestHandler handler) {
        requests.put(method, handler);
        return this;
    }

    /** Answers to the node's own requests of {@code method}. */
    public SipDispatcher onResponse(String method, SipResponseHandler handler) {
        responses.put(method, handler);
        return this;
    }

    /** Answers to the node's requests of every method without a handler of its own. */
    public SipDispatcher onOtherResponses(SipResponseHandler handler) {
        otherResponses = handler;
        return this;
    }

    /** Timeouts of the node's client transactions of {@code method}. */
    public SipDispatcher onTimeout(String method, SipTimeoutHandler handler) {
        timeouts.put(method, handler);
        return this;
    }

    /** Timeouts of server transactions and of client transactions of every other method. */
    public SipDispatcher onOtherTimeouts(SipTimeoutHandler handler) {
        otherTimeouts = handler;
        return this;
    }

    /** The methods the node takes, for the Allow header (RFC 3261 §20.5). */
    String allowed() {
        Set<String> methods = new java.util.LinkedHashSet<>(requests.keySet());
        methods.add(Request.OPTIONS);
        return String.join(", ", methods);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        try {
            if (refusedByGuard(event)) {
                return;
            }
            if (request.getHeader(MaxForwardsHeader.NAME) == null && !Request.ACK.equals(method)) {
                // RFC 3261 §8.1.1.6: every request carries Max-Forwards; the RI drops one it cannot read, and a
                // session border does not guess (RFC 4475 §3.1.2.7).
                badRequest(request, "missing or unreadable Max-Forwards");
                return;
            }
            if (cutShort(request)) {
                if (Request.ACK.equals(method)) {
                    return; // RFC 3261 §17.2.1: an ACK is never answered
                }
                // A stream that closed inside the body (TCP, TLS): the stack hands the message on with the body it
                // got. Taken as it stands it would set up a call on half an offer; RFC 3261 §18.3 makes it an error.
                badRequest(request, "body shorter than its Content-Length");
                return;
            }
            if (Request.INVITE.equals(method) && request.getHeader(ContactHeader.NAME) == null) {
                // RFC 3261 §8.1.1.8: an INVITE carries a Contact, where the dialog's later requests go; the stack
                // takes no transaction for one without, so it is refused here rather than left unanswered.
                badRequest(request, "missing Contact");
                return;
            }
            if (!Request.ACK.equals(method) && !SCHEMES.contains(request.getRequestURI().getScheme().toLowerCase(Locale.ROOT))) {
                // RFC 3261 §8.2.2.1: a Request-URI of a scheme the node does not speak (RFC 4475 §3.3.1, §3.3.2).
                endpoint.sendStateless(endpoint.factories().messages()
                        .createResponse(Response.UNSUPPORTED_URI_SCHEME, request));
                return;
            }
            SipRequestHandler handler = requests.get(method);
            if (Request.OPTIONS.equals(method)) {
                if (request.getHeader(RequireHeader.NAME) != null) {
                    // RFC 3261 §8.2.2.3: an extension the node must apply to answer; it applies none to an OPTIONS.
                    badExtension(request);
                } else {
                    respond(event, Response.OK);
                    optionsAnswered.incrementAndGet();
                }
            } else if (handler != null) {
                handler.onRequest(event);
            } else if (KNOWN.contains(method)) {
                // RFC 3261 §8.2.1: a method the UAS knows but does not allow gets 405 with an Allow header.
                respond(event, Response.METHOD_NOT_ALLOWED);
            } else {
                // RFC 3261 §8.2.1: a method the UAS does not recognise at all gets 501.
                respond(event, Response.NOT_IMPLEMENTED);
            }
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not answer {} from {}: {}", method, request.getHeader("Via"), e.toString());
        }
    }

    /** A stateless 400 whose reason phrase says what was wrong. */
    private void badRequest(Request request, String why) throws ParseException, SipException {
        Response bad = endpoint.factories().messages().createResponse(Response.BAD_REQUEST, request);
        bad.setReasonPhrase("Bad Request (" + why + ")");
        endpoint.sendStateless(bad);
    }

    /** 420 naming every option tag of the request's Require headers in Unsupported (RFC 3261 §20.40). */
    private void badExtension(Request request) throws ParseException, SipException {
        Response bad = endpoint.factories().messages().createResponse(Response.BAD_EXTENSION, request);
        ListIterator<?> required = request.getHeaders(RequireHeader.NAME);
        while (required.hasNext()) {
            String tag = ((RequireHeader) required.next()).getOptionTag();
            if (tag != null && !tag.isBlank()) {
                bad.addHeader(endpoint.factories().headers().createUnsupportedHeader(tag.strip()));
            }
        }
        endpoint.sendStateless(bad);
    }

    /** Whether {@code request}'s body is shorter than its Content-Length says. */
    static boolean cutShort(Request request) {
        ContentLengthHeader length = request.getContentLength();
        if (length == null) {
            return false;
        }
        byte[] body = request.getRawContent();
        return (body == null ? 0 : body.length) < length.getContentLength();
    }

    /** True when the guard refused the request and it has been dropped or answered statelessly. */
    private boolean refusedByGuard(RequestEvent event) throws ParseException, InvalidArgumentException, SipException {
        if (guard == SourceGuard.OPEN) {
            return false;
        }
        Request request = event.getRequest();
        // JAIN-SIP RI extension: where the request came from on the wire (not what its headers claim).
        RequestEventExt wire = event instanceof RequestEventExt ext ? ext : null;
        SourceGuard.Verdict verdict = guard.check(request, wire == null ? "" : wire.getRemoteIpAddress(),
                wire == null ? 0 : wire.getRemotePort());
        if (verdict == SourceGuard.Verdict.PASS) {
            return false;
        }
        refused.incrementAndGet();
        if (verdict == SourceGuard.Verdict.DROP || Request.ACK.equals(request.getMethod())) {
            return true; // RFC 3261 §17.2.1: an ACK is never answered
        }
        boolean busy = verdict == SourceGuard.Verdict.BUSY;
        Response response = endpoint.factories().messages()
                .createResponse(busy ? Response.SERVICE_UNAVAILABLE : Response.FORBIDDEN, request);
        if (busy) {
            // RFC 3261 §21.5.4: the peer may retry after this many seconds.
            response.addHeader(endpoint.factories().headers().createRetryAfterHeader(guard.retryAfterSeconds()));
        }
        endpoint.sendStateless(response);
        return true;
    }

    /** Requests the guard refused (dropped or answered 403/503). */
    public long refused() {
        return refused.get();
    }

    private void respond(RequestEvent event, int status) throws ParseException, SipException {
        Response response = endpoint.factories().messages().createResponse(status, event.getRequest());
        response.addHeader(endpoint.factories().headers().createAllowHeader(allowed()));
        // Stateless answer: OPTIONS probes are frequent and need no transaction state (RFC 3261 §11.2).
        endpoint.sendStateless(response);
    }

    public long optionsAnswered() {
        return optionsAnswered.get();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            CSeqHeader cseq = (CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME);
            SipResponseHandler handler = cseq == null ? null : responses.get(cseq.getMethod());
            (handler != null ? handler : otherResponses).onResponse(event);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not handle response {}: {}", event.getResponse().getStatusCode(), e.toString());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        SipTimeoutHandler handler = event.isServerTransaction() ? null
                : timeouts.get(event.getClientTransaction().getRequest().getMethod());
        (handler != null ? handler : otherTimeouts).onTimeout(event);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // No per-transaction state is kept here.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Dialogs are paired by the B2BUA (AUTOMATIC_DIALOG_SUPPORT is off): the stack makes none.
    }
}
