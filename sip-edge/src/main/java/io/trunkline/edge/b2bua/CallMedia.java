package io.trunkline.edge.b2bua;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.edge.config.MediaSettings;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.media.MediaException;
import io.trunkline.edge.media.MediaProfile;
import io.trunkline.edge.media.MediaRelay;
import io.trunkline.edge.media.StreamStats;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Message;

/**
 * A call's media through the node's relay: the caller's offer rewritten for each route tried (so each carrier of a
 * failover gets its own offer, in its own profile), the callee's answer rewritten for the caller, re-INVITE and
 * UPDATE offers and answers of either side likewise, and the relay's figures taken at the end. In the relay the
 * caller's side is named by its From tag and the callee's by the tag the edge gives the caller, which stays the same
 * whichever route answers. An INVITE without SDP (a delayed offer) has its media relayed from the callee's offer in
 * the 2xx, the caller's answer coming in its ACK ({@link #delayedOffer}); a test call's media is not relayed. An offer
 * the relay cannot take goes on as it is, or refuses the route when the profile of the side it goes to says 503.
 */
final class CallMedia {

    /** A route whose media could not be set up and whose profile says it is then not tried. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private volatile MediaRelay relay = MediaRelay.NONE;
    private volatile MediaSettings settings = MediaSettings.NONE;

    /** Relays calls' media through {@code relay} from now on (set at start, before the first call). */
    void use(MediaRelay relay, MediaSettings settings) {
        this.relay = relay;
        this.settings = settings;
    }

    MediaRelay relay() {
        return relay;
    }

    /** The caller's SDP offered towards {@code route} in {@code invite}, whose body it replaces. Holds the call's lock. */
    void offer(Call call, Route route, Message invite) throws Refused, ParseException {
        call.mediaRelayed = false;
        byte[] body = invite.getRawContent();
        if (!relay.relays() || call.test != null || body == null || body.length == 0) {
            return;
        }
        MediaProfile towards = profileOf(route);
        try {
            String sdp = relay.offer(call.aCallId.value(), callerTag(call), null,
                    new String(body, StandardCharsets.UTF_8), towards);
            setBody(invite, hideOrigin(sdp), (ContentTypeHeader) invite.getHeader(ContentTypeHeader.NAME));
            call.mediaRelayed = true;
            call.mediaPlaced = true;
        } catch (MediaException e) {
            if (towards.onFailure() == MediaProfile.OnFailure.REFUSE) {
                throw new Refused("media not set up (" + e.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            // PASS: the SDP goes on as it is, the media unrelayed (the relay logged why, once a minute).
        }
    }

    /** The callee's SDP in {@code from} (a 18x or 2xx to the INVITE) into {@code to}, the answer to the caller. */
    void answer(Call call, Message from, Message to) throws ParseException {
        pass(call, from, to, sdp -> relay.answer(call.aCallId.value(), callerTag(call), call.aToTag, sdp,
                callerProfile(call)));
    }

    /**
     * The callee's offer in {@code from}, its 2xx to an INVITE that had no SDP, into {@code to}, the 2xx to the caller:
     * the call's media is placed on the relay from the callee's side, and the caller's answer, in its ACK, goes back
     * through {@link #reAnswer} with the offer from the callee. Passed as it is when the relay cannot take it (a
     * route cannot be refused once it answered). Holds the call's lock.
     */
    void delayedOffer(Call call, Message from, Message to) throws ParseException {
        byte[] body = from.getRawContent();
        if (body == null || body.length == 0) {
            return;
        }
        String sdp = new String(body, StandardCharsets.UTF_8);
        if (relay.relays() && call.test == null) {
            try {
                sdp = hideOrigin(relay.offer(call.aCallId.value(), call.aToTag, callerTag(call), sdp, callerProfile(call)));
                call.mediaRelayed = true;
                call.mediaPlaced = true;
            } catch (MediaException e) {
                // As it is (the relay logged why, once a minute).
            }
        }
        setBody(to, sdp, (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME));
    }

    /** A re-INVITE's or UPDATE's offer in {@code request} into {@code out}, towards the other side. Holds the call's lock. */
    void reOffer(Call call, boolean fromCaller, Message request, Message out) throws ParseException {
        pass(call, request, out, sdp -> fromCaller
                ? relay.offer(call.aCallId.value(), callerTag(call), call.aToTag, sdp, calleeProfile(call))
                : relay.offer(call.aCallId.value(), call.aToTag, callerTag(call), sdp, callerProfile(call)));
    }

    /** The answer in {@code response} to an offer passed on by {@link #reOffer}, into {@code back}. */
    void reAnswer(Call call, boolean offerFromCaller, Message response, Message back) throws ParseException {
        pass(call, response, back, sdp -> offerFromCaller
                ? relay.answer(call.aCallId.value(), callerTag(call), call.aToTag, sdp, callerProfile(call))
                : relay.answer(call.aCallId.value(), call.aToTag, callerTag(call), sdp, calleeProfile(call)));
    }

    /** What the relay makes of one SDP. */
    @FunctionalInterface
    private interface Rewrite {
        String apply(String sdp) throws MediaException;
    }

    /**
     * The SDP of {@code from} into {@code to}: through the relay when the call's media is relayed, as it is when not
     * or when the relay cannot take it (the relay logged why, once a minute); nothing when {@code from} has none.
     */
    private static void pass(Call call, Message from, Message to, Rewrite rewrite) throws ParseException {
        byte[] body = from.getRawContent();
        if (body == null || body.length == 0) {
            return;
        }
        String sdp = new String(body, StandardCharsets.UTF_8);
        if (call.mediaRelayed) {
            try {
                sdp = hideOrigin(rewrite.apply(sdp));
            } catch (MediaException e) {
                // As it is.
            }
        }
        setBody(to, sdp, (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME));
    }

    /**
     * Ends the call's media on the relay and returns what each side sent (caller first); empty when the call's media
     * was never on the relay. Holds the call's lock.
     */
    List<CallRecord.MediaLeg> end(Call call) {
        if (!call.mediaPlaced) {
            return List.of();
        }
        call.mediaPlaced = false;
        Map<String, StreamStats> stats = relay.end(call.aCallId.value());
        List<CallRecord.MediaLeg> legs = new ArrayList<>();
        add(legs, call.peer instanceof Peer.Carrier ? "CARRIER" : "PBX", stats.get(callerTag(call)));
        Route callee = calleeRoute(call);
        add(legs, callee != null && callee.kind() == Route.Kind.PBX ? "PBX" : "CARRIER", stats.get(call.aToTag));
        return legs;
    }

    private static void add(List<CallRecord.MediaLeg> legs, String side, StreamStats s) {
        if (s != null) {
            legs.add(new CallRecord.MediaLeg(side, s.packets(), s.bytes(), s.lost(), s.lossPct(), s.jitterMs(),
                    s.rttMs(), s.mos()));
        }
    }

    private MediaProfile profileOf(Route route) {
        if (route.kind() == Route.Kind.PBX) {
            return settings.pbx(route.target());
        }
        return CarrierDialect.carrierOf(route.target()).map(c -> settings.carrier(c.value())).orElse(settings.defaults());
    }

    private MediaProfile callerProfile(Call call) {
        return call.peer instanceof Peer.Carrier ? settings.carrier(call.peer.name()) : settings.pbx(call.peer.name());
    }

    private MediaProfile calleeProfile(Call call) {
        Route r = calleeRoute(call);
        return r == null ? settings.defaults() : profileOf(r);
    }

    private static Route calleeRoute(Call call) {
        if (call.decided == null || call.attempt < 0 || call.attempt >= call.decision().routes().size()) {
            return null;
        }
        return call.decision().routes().get(call.attempt);
    }

    /** The caller's From tag, the caller's name in the relay (a caller without one, RFC 2543, gets a fixed name). */
    static String callerTag(Call call) {
        String tag = ((FromHeader) call.aRequest.getHeader(FromHeader.NAME)).getTag();
        return tag == null || tag.isEmpty() ? "caller" : tag;
    }

    private static final java.util.regex.Pattern ORIGIN_USER = java.util.regex.Pattern.compile("(?m)^o=\\S+ ");
    private static final java.util.regex.Pattern SESSION_NAME = java.util.regex.Pattern.compile("(?m)^s=[^\\r\\n]*");

    /**
     * The relay's SDP with the origin's user name and the session name made neutral ({@code o=-}, {@code s=-},
     * RFC 4566 §5.2-5.3): rtpengine 10.5 replaces the origin's address but keeps the writer's name, which tells
     * the other side what PBX or SBC is behind the edge. The session id and version stay, so re-offers still count up.
     */
    static String hideOrigin(String sdp) {
        return SESSION_NAME.matcher(ORIGIN_USER.matcher(sdp).replaceFirst("o=- ")).replaceFirst("s=-");
    }

    private static void setBody(Message m, String sdp, ContentTypeHeader type) throws ParseException {
        ContentTypeHeader t = type != null ? (ContentTypeHeader) type.clone()
                : new gov.nist.javax.sip.header.ContentType("application", "sdp");
        m.setContent(sdp.getBytes(StandardCharsets.UTF_8), t);
    }
}
