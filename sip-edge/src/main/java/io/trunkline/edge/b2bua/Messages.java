package io.trunkline.edge.b2bua;

import io.trunkline.edge.transport.LocalPoint;
import io.trunkline.edge.transport.SipEndpoint;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.OptionTag;
import javax.sip.header.RSeqHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** The SIP messages both legs of a call share: answers, Contact, ACK, the session-timer headers, tags. */
final class Messages {

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Headers a request opening or changing a session carries on to the other side: session timers (RFC 4028) and the
     * INFO packages its sender takes (Recv-Info, RFC 6086 §5.2.2), which the edge passes end to end.
     */
    static final List<String> END_TO_END_REQUEST = List.of("Session-Expires", "Min-SE", "Supported", "Recv-Info");
    /** The same headers an answer carries back. */
    static final List<String> END_TO_END_RESPONSE = List.of("Session-Expires", "Require", "Min-SE", "Recv-Info");
    /**
     * The option tags (RFC 3261 §19.2) of Supported and Require the edge carries from one side to the other: session
     * timers, which it passes through end to end. Any other names what the sender does, not what the edge does:
     * {@code 100rel} and {@code precondition} (RFC 3262, 3312) would have the far side send reliable provisional
     * answers whose PRACK comes from the edge and is not the sender's to give, {@code replaces} and
     * {@code norefersub} ask for REFER handling the edge does not carry. Those stay on their side.
     */
    static final Set<String> PASSED_OPTION_TAGS = Set.of("timer");

    private final SipEndpoint sip;

    Messages(SipEndpoint sip) {
        this.sip = sip;
    }

    void respond(ServerTransaction st, Request request, int status) throws ParseException, SipException,
            InvalidArgumentException {
        Response response = sip.factories().messages().createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (status > 100 && to != null && to.getTag() == null) {
            // RFC 3261 §8.2.6.2: a final answer outside a dialog carries a To tag (in a dialog the request has one).
            to.setTag(tag());
        }
        st.sendResponse(response);
    }

    /** The edge's own Contact on a listening point: {@code sip:edge@address:port}. */
    ContactHeader contact(LocalPoint lp) throws ParseException {
        SipURI uri = sip.factories().addresses().createSipURI("edge", lp.address());
        uri.setPort(lp.port());
        if (!"udp".equals(lp.transport())) {
            uri.setTransportParam(lp.transport());
        }
        return sip.factories().headers().createContactHeader(sip.factories().addresses().createAddress(uri));
    }

    /** The listening point a message came in on (by its top Via's transport). */
    LocalPoint localFor(Message m) {
        return sip.local(transportOf(m));
    }

    /** Puts {@code from}'s body on {@code to}, with its Content-Type (SDP when it names none). */
    void copyBody(Message from, Message to) throws ParseException {
        byte[] body = from.getRawContent();
        if (body != null && body.length > 0) {
            ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
            to.setContent(body, type != null ? type : sip.factories().headers().createContentTypeHeader("application", "sdp"));
        }
    }

    /** Where requests in the dialog {@code request} opened go: its Contact, or its From when it has none. */
    static URI remoteTarget(Request request) {
        ContactHeader c = (ContactHeader) request.getHeader(ContactHeader.NAME);
        return c != null ? c.getAddress().getURI() : ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
    }

    /** Acknowledges a 2xx to an INVITE of the edge's (RFC 3261 §13.2.2.4: end to end, outside the transaction). */
    void ack(Response response, URI fallbackTarget) throws ParseException, SipException, InvalidArgumentException {
        Request ack = ackFor(response, fallbackTarget);
        if (ack != null) {
            sip.sendStateless(ack);
        }
    }

    /** The ACK for a 2xx to an INVITE of the edge's, to its Contact or {@code fallbackTarget}; null with neither. */
    Request ackFor(Response response, URI fallbackTarget) throws ParseException, InvalidArgumentException {
        ContactHeader c = (ContactHeader) response.getHeader(ContactHeader.NAME);
        URI target = c != null ? c.getAddress().getURI() : fallbackTarget;
        if (target == null) {
            return null;
        }
        HeaderFactory h = sip.factories().headers();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        LocalPoint lp = localFor(response);
        ViaHeader via = h.createViaHeader(lp.address(), lp.port(), lp.transport(), branch());
        Request ack = sip.factories().messages().createRequest(target, Request.ACK,
                (CallIdHeader) response.getHeader(CallIdHeader.NAME), h.createCSeqHeader(cseq.getSeqNumber(), Request.ACK),
                (FromHeader) response.getHeader(FromHeader.NAME), (ToHeader) response.getHeader(ToHeader.NAME),
                List.of(via), h.createMaxForwardsHeader(70));
        return ack;
    }

    /** Whether {@code m} carries a body (for an INVITE, 2xx or ACK: an SDP offer or answer). */
    static boolean hasBody(Message m) {
        byte[] body = m.getRawContent();
        return body != null && body.length > 0;
    }

    /**
     * Whether {@code answer}, a 2xx to {@code invite}, makes a delayed offer: the INVITE had no SDP, so the 2xx's is
     * the offer and the answer comes in the ACK (RFC 3261 §13.2.1).
     */
    static boolean delayedOffer(Request invite, Response answer) {
        return !hasBody(invite) && hasBody(answer);
    }

    /** Hangs up the dialog a late 2xx of an abandoned attempt set up. */
    void byeAbandoned(Response response) throws ParseException, SipException, InvalidArgumentException {
        ContactHeader c = (ContactHeader) response.getHeader(ContactHeader.NAME);
        if (c == null) {
            return;
        }
        HeaderFactory h = sip.factories().headers();
        LocalPoint lp = localFor(response);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        Request bye = sip.factories().messages().createRequest(c.getAddress().getURI(), Request.BYE,
                (CallIdHeader) response.getHeader(CallIdHeader.NAME), h.createCSeqHeader(cseq.getSeqNumber() + 1, Request.BYE),
                (FromHeader) response.getHeader(FromHeader.NAME), (ToHeader) response.getHeader(ToHeader.NAME),
                List.of(h.createViaHeader(lp.address(), lp.port(), lp.transport(), null)), h.createMaxForwardsHeader(70));
        sip.clientTransaction(bye).sendRequest();
    }

    /** The calling number a carrier presents: P-Asserted-Identity's user part (RFC 3325), else From's. */
    static String assertedUserOf(Request request) {
        javax.sip.header.Header pai = request.getHeader("P-Asserted-Identity");
        if (pai != null) {
            String value = valueOf(pai);
            int colon = value.indexOf(':');
            int at = value.indexOf('@');
            if (colon >= 0 && at > colon) {
                String user = value.substring(colon + 1, at);
                int param = user.indexOf(';');
                return param < 0 ? user : user.substring(0, param);
            }
        }
        return userOf(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
    }

    /** A header's value, without its name. */
    static String valueOf(javax.sip.header.Header h) {
        String text = h.toString();
        int colon = text.indexOf(':');
        return text.substring(colon + 1).trim();
    }

    /**
     * Tells the called PBX what verification of the caller's identity found (3GPP TS 24.229 §7.2A.20, ATIS-1000074
     * §5.3.1): {@code ;verstat=} on the user part of From and of P-Asserted-Identity, where PBXs read it.
     */
    void tagVerstat(Request invite, String verstat) throws ParseException {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        if (from.getAddress().getURI() instanceof javax.sip.address.SipURI uri && uri.getUser() != null
                && !"anonymous".equalsIgnoreCase(uri.getUser())) {
            uri.setUser(uri.getUser() + ";verstat=" + verstat);
        }
        javax.sip.header.Header pai = invite.getHeader("P-Asserted-Identity");
        if (pai != null) {
            String value = valueOf(pai);
            int at = value.indexOf('@');
            if (at > 0) {
                invite.setHeader(sip.factories().headers().createHeader("P-Asserted-Identity",
                        value.substring(0, at) + ";verstat=" + verstat + value.substring(at)));
            }
        }
    }

    /** RFC 8224's header carrying the caller's signed identity (a PASSporT). */
    static final String IDENTITY = "Identity";


    static void copyHeaders(Message from, Message to, List<String> names) {
        for (String name : names) {
            ListIterator<?> values = from.getHeaders(name);
            while (values != null && values.hasNext()) {
                Header h = (Header) values.next();
                if (h instanceof OptionTag t && (t.getOptionTag() == null
                        || !PASSED_OPTION_TAGS.contains(t.getOptionTag().strip().toLowerCase(Locale.ROOT)))) {
                    continue;
                }
                to.addHeader((Header) h.clone());
            }
        }
    }

    /**
     * The option tags a request's Require names that the edge does not carry end to end ({@link #PASSED_OPTION_TAGS}),
     * lower case: for a new call these are answered 420 (RFC 3261 §8.2.2.3), the caller then retrying without them.
     */
    static List<String> unsupported(Request request) {
        List<String> out = new ArrayList<>();
        ListIterator<?> required = request.getHeaders(RequireHeader.NAME);
        while (required != null && required.hasNext()) {
            String tag = ((RequireHeader) required.next()).getOptionTag();
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty() && !PASSED_OPTION_TAGS.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Whether {@code response} is a reliable provisional answer (RFC 3262 §3: Require: 100rel with an RSeq). */
    static boolean isReliable(Response response) {
        if (response.getStatusCode() <= 100 || response.getStatusCode() >= 200 || response.getHeader(RSeqHeader.NAME) == null) {
            return false;
        }
        ListIterator<?> required = response.getHeaders(RequireHeader.NAME);
        while (required != null && required.hasNext()) {
            String tag = ((RequireHeader) required.next()).getOptionTag();
            if (tag != null && tag.strip().equalsIgnoreCase("100rel")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A valid answer to {@code offer} that rejects every stream (RFC 3264 §6: each m-line with port 0), for an ACK
     * that must answer an offer in a 2xx (RFC 3261 §13.2.2.4) when no answer came from the other side.
     */
    static String rejectingAnswer(byte[] offer) {
        String sdp = new String(offer, java.nio.charset.StandardCharsets.UTF_8);
        return REJECTED_STREAM.matcher(ORIGIN.matcher(sdp).replaceFirst("o=- 0 0 IN IP4 0.0.0.0")).replaceAll("m=$1 0$2");
    }

    private static final java.util.regex.Pattern REJECTED_STREAM = java.util.regex.Pattern.compile("(?m)^m=(\\S+) \\d+(?:/\\d+)?( )");
    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile("(?m)^o=[^\\r\\n]*");

    /**
     * The PRACK (RFC 3262 §4, its RAck §7.2) for the reliable provisional answer {@code provisional} to an INVITE of the edge's, in
     * its early dialog: to its Contact (or {@code fallbackTarget}), with CSeq {@code cseq} and the RAck naming it.
     */
    void prack(Response provisional, URI fallbackTarget, long cseq) throws ParseException, SipException,
            InvalidArgumentException {
        ContactHeader c = (ContactHeader) provisional.getHeader(ContactHeader.NAME);
        URI target = c != null ? c.getAddress().getURI() : fallbackTarget;
        HeaderFactory h = sip.factories().headers();
        CSeqHeader invite = (CSeqHeader) provisional.getHeader(CSeqHeader.NAME);
        LocalPoint lp = localFor(provisional);
        Request prack = sip.factories().messages().createRequest(target, Request.PRACK,
                (CallIdHeader) provisional.getHeader(CallIdHeader.NAME), h.createCSeqHeader(cseq, Request.PRACK),
                (FromHeader) provisional.getHeader(FromHeader.NAME), (ToHeader) provisional.getHeader(ToHeader.NAME),
                List.of(h.createViaHeader(lp.address(), lp.port(), lp.transport(), null)), h.createMaxForwardsHeader(70));
        prack.addHeader(h.createRAckHeader(((RSeqHeader) provisional.getHeader(RSeqHeader.NAME)).getSequenceNumber(),
                (int) invite.getSeqNumber(), invite.getMethod()));
        sip.clientTransaction(prack).sendRequest();
    }

    static String callIdOf(Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }

    static String transportOf(Message m) {
        ViaHeader via = (ViaHeader) m.getHeader(ViaHeader.NAME);
        return via == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
    }

    /** The user part of a URI: the number or extension in a SIP or tel URI. */
    static String userOf(URI uri) {
        if (uri instanceof SipURI s) {
            return s.getUser();
        }
        String text = uri.toString();
        int colon = text.indexOf(':');
        int at = text.indexOf('@');
        return at > colon ? text.substring(colon + 1, at) : text.substring(colon + 1);
    }

    static String tag() {
        return Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    static String branch() {
        return "z9hG4bK" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }
}
