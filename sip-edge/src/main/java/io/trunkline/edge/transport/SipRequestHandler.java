package io.trunkline.edge.transport;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.SipException;

/** Takes the requests of one SIP method that the {@link SipDispatcher} hands it. */
@FunctionalInterface
public interface SipRequestHandler {

    void onRequest(RequestEvent event) throws SipException, ParseException, InvalidArgumentException;
}
