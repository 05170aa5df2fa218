package io.trunkline.edge.testing;

import io.trunkline.edge.transport.SipFactories;
import java.text.ParseException;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds the SIP requests and answers a PBX or a carrier sends, as real JAIN-SIP messages. */
public final class SipMessages {

    public static final String SDP = "v=0\r\no=- 1 1 IN IP4 10.0.1.20\r\ns=-\r\nc=IN IP4 10.0.1.20\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n";

    private final SipFactories sip = SipFactories.reference();
    private final String method;
    private String callId = "pbx-call-1@10.0.1.10";
    private String from = "2001";
    private String to = "+442071234567";
    private String fromTag = "pbx-tag";
    private String toTag;
    private long cseq = 1;
    private String body;
    private String sessionExpires;
    private boolean maxForwards = true;

    private SipMessages(String method) {
        this.method = method;
    }

    public static SipMessages request(String method) {
        return new SipMessages(method);
    }

    public SipMessages callId(String value) {
        callId = value;
        return this;
    }

    public SipMessages from(String user) {
        from = user;
        return this;
    }

    public SipMessages to(String user) {
        to = user;
        return this;
    }

    public SipMessages toTag(String tag) {
        toTag = tag;
        return this;
    }

    public SipMessages cseq(long value) {
        cseq = value;
        return this;
    }

    public SipMessages sdp() {
        body = SDP;
        return this;
    }

    public SipMessages sessionExpires(String value) {
        sessionExpires = value;
        return this;
    }

    public SipMessages withoutMaxForwards() {
        maxForwards = false;
        return this;
    }

    public Request build() {
        try {
            AddressFactory a = sip.addresses();
            HeaderFactory h = sip.headers();
            Request r = sip.messages().createRequest(a.createURI("sip:" + to + "@" + FakeSipEndpoint.ADDRESS + ":5060"),
                    method, h.createCallIdHeader(callId), h.createCSeqHeader(cseq, method),
                    h.createFromHeader(a.createAddress("sip:" + from + "@10.0.1.10"), fromTag),
                    h.createToHeader(a.createAddress("sip:" + to + "@" + FakeSipEndpoint.ADDRESS), toTag),
                    List.of(h.createViaHeader("10.0.1.10", 5070, "udp", "z9hG4bK" + callId.hashCode() + cseq)),
                    h.createMaxForwardsHeader(70));
            if (!maxForwards) {
                r.removeHeader("Max-Forwards");
            }
            r.addHeader(h.createContactHeader(a.createAddress("sip:" + from + "@10.0.1.10:5070")));
            if (sessionExpires != null) {
                r.addHeader(h.createHeader("Session-Expires", sessionExpires));
            }
            if (body != null) {
                r.setContent(body, h.createContentTypeHeader("application", "sdp"));
            }
            return r;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer {@code status} to {@code request}, as its other side sends it (with a To tag and a Contact). */
    public static Response answer(Request request, int status, String toTag, String contact) {
        SipFactories sip = SipFactories.reference();
        try {
            Response r = sip.messages().createResponse(status, request);
            if (toTag != null) {
                ((javax.sip.header.ToHeader) r.getHeader(javax.sip.header.ToHeader.NAME)).setTag(toTag);
            }
            if (contact != null) {
                r.addHeader(sip.headers().createContactHeader(sip.addresses().createAddress(contact)));
            }
            return r;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
