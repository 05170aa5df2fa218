package io.trunkline.edge.b2bua;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.edge.cluster.ChannelKey;
import io.trunkline.edge.config.CarrierProfile;
import io.trunkline.edge.transport.LocalPoint;
import io.trunkline.edge.transport.SipFactories;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;

/**
 * The carrier leg's INVITE in the carrier's own dialect: its number format in the Request-URI, To, From and
 * P-Asserted-Identity, its transport, the headers it wants added, and the PBX's SDP offer filtered to the
 * codecs it takes. PBXs and carriers never see each other's dialects.
 */
public final class CarrierDialect {

    /** The form of a carrier id; a route target of another form (a fallback route's URI) has no profile. */
    private static final Pattern CARRIER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final SipFactories sip;
    private final Map<CarrierId, CarrierProfile> profiles;

    public CarrierDialect(SipFactories sip, Map<CarrierId, CarrierProfile> profiles) {
        this.sip = sip;
        this.profiles = Map.copyOf(profiles);
    }

    /** The carrier a route target names, if it is written as a carrier id. */
    static Optional<CarrierId> carrierOf(String target) {
        return target != null && CARRIER_ID.matcher(target).matches() ? Optional.of(new CarrierId(target)) : Optional.empty();
    }

    /** The profile of the carrier a route goes to: the default (E.164, every codec, nothing added) when none is configured. */
    CarrierProfile profileOf(Route route) {
        return carrierOf(route.target()).map(profiles::get).orElse(CarrierProfile.DEFAULT);
    }

    /** The channel counter a route's calls count on. */
    static ChannelKey channelOf(Route route) {
        return carrierOf(route.target()).map(ChannelKey::carrier).orElseGet(() -> ChannelKey.uri(route.target()));
    }

    /** The Request-URI of the carrier leg: the route's URI with the number in the carrier's format and its transport. */
    URI requestUri(Route route) throws ParseException {
        CarrierProfile profile = profileOf(route);
        URI target = sip.addresses().createURI(route.uri());
        if (target instanceof SipURI s && s.getUser() != null) {
            // The carrier's number format in the Request-URI (and so in To).
            s.setUser(profile.format(s.getUser()));
        }
        if (profile.transport() != null && target instanceof SipURI s) {
            // The carrier's profile names the transport (TLS for an encrypted trunk) whatever the route's URI says.
            s.setTransportParam(profile.transport());
        }
        return target;
    }

    /**
     * The Max-Forwards of the edge's INVITE for {@code offer}: one less than the offer's, at most 70. Carried across
     * the B2BUA as a proxy would (RFC 3261 §16.6 step 3), so that a routing loop through edges, PBXs and carriers
     * (a route that leads back to the edge) ends with 483 instead of calling itself for ever.
     */
    static int hopsLeft(Request offer) {
        MaxForwardsHeader mf = (MaxForwardsHeader) offer.getHeader(MaxForwardsHeader.NAME);
        return mf == null ? 70 : Math.max(0, Math.min(70, mf.getMaxForwards() - 1));
    }

    /** The transport a Request-URI asks for: its {@code transport} parameter, else UDP. */
    static String transportOf(URI target) {
        return target instanceof SipURI s && s.getTransportParam() != null
                ? s.getTransportParam().toLowerCase(Locale.ROOT) : "udp";
    }

    /**
     * The INVITE towards the carrier for the PBX's {@code offer}: a new dialog of the edge's (its own Call-ID,
     * From tag, Via and Contact on {@code local}), carrying the PBX's session-timer request and SDP.
     */
    Request invite(Request offer, Route route, URI target, LocalPoint local, CallIdHeader callId, String fromTag,
                   ContactHeader contact) throws ParseException, InvalidArgumentException {
        HeaderFactory h = sip.headers();
        CarrierProfile profile = profileOf(route);
        String present = route.presentNumber() == null || route.presentNumber().isBlank() ? "anonymous"
                : profile.format(route.presentNumber());
        Address from = sip.addresses().createAddress("sip:" + present + "@" + local.address());
        Address to = sip.addresses().createAddress(target.toString().replaceAll(";.*$", ""));
        Request invite = sip.messages().createRequest(target, Request.INVITE, callId, h.createCSeqHeader(1L, Request.INVITE),
                h.createFromHeader(from, fromTag), h.createToHeader(to, null),
                List.of(h.createViaHeader(local.address(), local.port(), transportOf(target), null)),
                h.createMaxForwardsHeader(hopsLeft(offer)));
        invite.addHeader(contact);
        if (!"anonymous".equals(present)) {
            // RFC 3325: the identity the edge asserts towards its trusted carrier, in the carrier's format.
            invite.addHeader(h.createHeader("P-Asserted-Identity", "<sip:" + present + "@" + local.address() + ">"));
        }
        for (Map.Entry<String, String> extra : profile.addHeaders().entrySet()) {
            invite.addHeader(h.createHeader(extra.getKey(), extra.getValue()));
        }
        // RFC 4028: the PBX's session-timer request goes on to the carrier; the refreshes pass through.
        Messages.copyHeaders(offer, invite, Messages.END_TO_END_REQUEST);
        byte[] sdp = offer.getRawContent();
        if (sdp != null && sdp.length > 0) {
            ContentTypeHeader type = (ContentTypeHeader) offer.getHeader(ContentTypeHeader.NAME);
            byte[] filtered = profile.filterSdp(new String(sdp, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            invite.setContent(filtered, type != null ? type : h.createContentTypeHeader("application", "sdp"));
        }
        return invite;
    }
}
