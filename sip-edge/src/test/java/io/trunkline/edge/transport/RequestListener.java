package io.trunkline.edge.transport;

import java.util.function.Consumer;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * A stack listener that hands each request to a consumer: the transport tests send requests only and assert on what
 * is delivered, so the stack's other events (no responses, timeouts or dialogs arise in them) are left unheard.
 */
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
        // none arise: the tests send requests only
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
        // none arise: the tests send requests only
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
        // none arise: the tests send requests only
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
        // none arise: the tests send requests only
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
        // none arise: the tests send requests only
    }
}
