package io.trunkline.edge.transport;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;

/** Takes the answers to the requests of one SIP method (by their CSeq method, RFC 3261 §8.1.3.3). */
@FunctionalInterface
public interface SipResponseHandler {

    void onResponse(ResponseEvent event) throws SipException, ParseException, InvalidArgumentException;
}
