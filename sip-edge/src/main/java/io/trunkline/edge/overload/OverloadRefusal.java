package io.trunkline.edge.overload;

import io.trunkline.edge.transport.SipEndpoint;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The answer to a new INVITE refused for overload: 503 with Retry-After (RFC 3261 §21.5.4), sent without a
 * transaction (RFC 3261 §8.2.7: a stateless UAS; a retransmitted INVITE is refused again the same way, and the
 * ACK of the 503 finds no call and is dropped), so that a refusal costs the node one parse and one send.
 */
public final class OverloadRefusal {

    /** The reason phrase of every overload refusal, whichever layer sends it. */
    static final String REASON = "Service Unavailable (overload)";

    private OverloadRefusal() {
    }

    public static void send(SipEndpoint sip, Request invite, int retryAfterSeconds)
            throws ParseException, SipException, InvalidArgumentException {
        Response r = sip.factories().messages().createResponse(Response.SERVICE_UNAVAILABLE, invite);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            // RFC 3261 §8.2.6.2: a final answer outside a dialog carries a To tag; a fixed one keeps it stateless.
            to.setTag(RawInvite.REFUSAL_TAG);
        }
        r.setReasonPhrase(REASON);
        r.addHeader(sip.factories().headers().createRetryAfterHeader(retryAfterSeconds));
        sip.sendStateless(r);
    }
}
