package io.trunkline.edge.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.AllowHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Entry point of every SIP event reaching the node: keep-alive OPTIONS are answered here (the probe PBXs
 * and carriers send to see that the edge is up), calls go to the B2BUA, other methods are refused 405.
 */
public final class EdgeRequestListener implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeRequestListener.class);
    static final String ALLOWED = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, SUBSCRIBE";
    /** SIP methods of the RFCs the edge knows of but does not take (RFC 3265, 3262, 3311, 3428, 3515, 3903, 6086). */
    static final java.util.Set<String> KNOWN = java.util.Set.of("REGISTER", "NOTIFY", "PRACK",
            "MESSAGE", "REFER", "PUBLISH", "INFO");

    private final SipTransport transport;
    private final io.trunkline.edge.b2bua.B2bua b2bua;
    private final io.trunkline.edge.routing.TrunkProber prober;
    private final io.trunkline.edge.events.EventNotifier events;
    private final AtomicLong optionsAnswered = new AtomicLong();

    public EdgeRequestListener(SipTransport transport, io.trunkline.edge.b2bua.B2bua b2bua,
                               io.trunkline.edge.routing.TrunkProber prober,
                               io.trunkline.edge.events.EventNotifier events) {
        this.transport = transport;
        this.events = events;
        this.b2bua = b2bua;
        this.prober = prober;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        try {
            if (request.getHeader(javax.sip.header.MaxForwardsHeader.NAME) == null && !Request.ACK.equals(method)) {
                // RFC 3261 §8.1.1.6: every request carries Max-Forwards; the RI drops one it cannot read, and a
                // session border does not guess (RFC 4475 §3.1.2.7).
                Response bad = transport.messageFactory().createResponse(Response.BAD_REQUEST, request);
                bad.setReasonPhrase("Bad Request (missing or unreadable Max-Forwards)");
                transport.provider().sendResponse(bad);
                return;
            }
            if (Request.OPTIONS.equals(method)) {
                respond(event, Response.OK);
                optionsAnswered.incrementAndGet();
            } else if (Request.INVITE.equals(method)) {
                b2bua.onInvite(event);
            } else if (Request.ACK.equals(method)) {
                // RFC 3261 §17.2.1: ACK is never answered.
                b2bua.onAck(event);
            } else if (Request.BYE.equals(method)) {
                b2bua.onBye(event);
            } else if (Request.CANCEL.equals(method)) {
                b2bua.onCancel(event);
            } else if (Request.UPDATE.equals(method)) {
                b2bua.onUpdate(event);
            } else if (Request.SUBSCRIBE.equals(method)) {
                events.onSubscribe(event);
            } else if (KNOWN.contains(method)) {
                // RFC 3261 §8.2.1: a method the UAS knows but does not allow gets 405 with an Allow header.
                respond(event, Response.METHOD_NOT_ALLOWED);
            } else {
                // RFC 3261 §8.2.1: a method the UAS does not recognise at all gets 501.
                respond(event, Response.NOT_IMPLEMENTED);
            }
        } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not answer {} from {}: {}", method, request.getHeader("Via"), e.toString());
        }
    }

    private void respond(RequestEvent event, int status) throws ParseException, SipException {
        Response response = transport.messageFactory().createResponse(status, event.getRequest());
        AllowHeader allow = transport.headerFactory().createAllowHeader(ALLOWED);
        response.addHeader(allow);
        // Stateless answer: OPTIONS probes are frequent and need no transaction state (RFC 3261 §11.2).
        transport.provider().sendResponse(response);
    }

    public long optionsAnswered() {
        return optionsAnswered.get();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            javax.sip.header.CSeqHeader cseq = (javax.sip.header.CSeqHeader) event.getResponse()
                    .getHeader(javax.sip.header.CSeqHeader.NAME);
            if (cseq != null && Request.OPTIONS.equals(cseq.getMethod())) {
                prober.onResponse(event);
                return;
            }
            if (cseq != null && Request.NOTIFY.equals(cseq.getMethod())) {
                events.onResponse(event);
                return;
            }
            b2bua.onResponse(event);
        } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not handle response {}: {}", event.getResponse().getStatusCode(), e.toString());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()
                && Request.OPTIONS.equals(event.getClientTransaction().getRequest().getMethod())) {
            return; // the prober counts unanswered probes by its own, shorter timeout
        }
        if (!event.isServerTransaction()
                && Request.NOTIFY.equals(event.getClientTransaction().getRequest().getMethod())) {
            events.onTimeout(event);
            return;
        }
        b2bua.onTimeout(event);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // No per-transaction state is kept yet.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Dialogs are paired by the B2BUA; none exist yet.
    }
}
