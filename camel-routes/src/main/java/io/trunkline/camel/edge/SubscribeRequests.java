package io.trunkline.camel.edge;

import io.trunkline.contract.events.EdgeEvents;
import java.util.List;
import javax.sip.ListeningPoint;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.EventHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/**
 * Builds the platform's SUBSCRIBE to an edge node's {@value EdgeEvents#PACKAGE} (RFC 6665 §4.1.2): in the
 * subscription's dialog (Call-ID, tags, CSeq increasing), over TCP, asking for the heartbeat and expiry of the
 * settings; {@code Expires: 0} ends the subscription.
 */
final class SubscribeRequests {

    private final EdgeEventSubscriber.Settings settings;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;

    SubscribeRequests(EdgeEventSubscriber.Settings settings, MessageFactory messages, HeaderFactory headers,
                      AddressFactory addresses) {
        this.settings = settings;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
    }

    Request subscribe(EdgeSubscription s, int expires) throws Exception {
        int colon = s.target.lastIndexOf(':');
        SipURI uri = addresses.createSipURI("events", s.target.substring(0, colon));
        uri.setPort(Integer.parseInt(s.target.substring(colon + 1)));
        uri.setTransportParam("tcp");
        SipURI me = addresses.createSipURI("platform", settings.host());
        me.setPort(settings.port());
        Request subscribe = messages.createRequest(uri, Request.SUBSCRIBE, headers.createCallIdHeader(s.callId),
                headers.createCSeqHeader(++s.cseq, Request.SUBSCRIBE),
                headers.createFromHeader(addresses.createAddress(me), s.fromTag),
                headers.createToHeader(addresses.createAddress(uri), s.toTag),
                List.of(headers.createViaHeader(settings.host(), settings.port(), ListeningPoint.TCP, null)),
                headers.createMaxForwardsHeader(70));
        EventHeader event = headers.createEventHeader(EdgeEvents.PACKAGE);
        event.setParameter(EdgeEvents.HEARTBEAT_PARAM, Long.toString(settings.heartbeatMs()));
        subscribe.addHeader(event);
        subscribe.addHeader(headers.createExpiresHeader(expires));
        SipURI contact = addresses.createSipURI("platform", settings.host());
        contact.setPort(settings.port());
        contact.setTransportParam("tcp");
        subscribe.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        subscribe.addHeader(headers.createAcceptHeader(EdgeEvents.CONTENT_TYPE, EdgeEvents.CONTENT_SUBTYPE));
        return subscribe;
    }
}
