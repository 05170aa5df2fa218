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
 * Entry point of every request reaching the node. Today it answers keep-alive OPTIONS (the probe
 * PBXs and carriers send to see that the edge is up) and refuses the methods it does not carry yet;
 * the B2BUA takes INVITE/BYE/CANCEL when it lands.
 */
public final class EdgeRequestListener implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeRequestListener.class);
    static final String ALLOWED = "OPTIONS";

    private final SipTransport transport;
    private final AtomicLong optionsAnswered = new AtomicLong();

    public EdgeRequestListener(SipTransport transport) {
        this.transport = transport;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        try {
            if (Request.OPTIONS.equals(method)) {
                respond(event, Response.OK);
                optionsAnswered.incrementAndGet();
            } else if (Request.ACK.equals(method)) {
                // RFC 3261 §17.2.1: ACK is never answered.
                LOG.debug("ACK absorbed: {}", request.getHeader("Call-ID"));
            } else {
                // RFC 3261 §8.2.1: a method the UAS knows but does not allow gets 405 with an Allow header.
                respond(event, Response.METHOD_NOT_ALLOWED);
            }
        } catch (ParseException | SipException | RuntimeException e) {
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
        LOG.debug("stray response {}", event.getResponse().getStatusCode());
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.debug("transaction timeout");
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
