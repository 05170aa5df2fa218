package io.trunkline.edge.transport;

import java.util.function.Consumer;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/** A stack listener that hands each request to a consumer and ignores everything else: tests of the transport. */
final class RequestListener implements SipListener {

    private final Consumer<RequestEvent> requests;

    RequestListener(Consumer<RequestEvent> requests) {
        this.requests = requests;
    }

    @Override
    public void processRequest(RequestEvent e) {
        requests.accept(e);
    }

    @Override
    public void processResponse(ResponseEvent e) {
        // not asked for
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
        // not asked for
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
        // not asked for
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
        // not asked for
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
        // not asked for
    }
}
