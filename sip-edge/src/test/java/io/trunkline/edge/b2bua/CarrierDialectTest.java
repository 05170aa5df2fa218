package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.edge.cluster.ChannelKey;
import io.trunkline.edge.config.CarrierProfile;
import io.trunkline.edge.testing.FakeSipEndpoint;
import io.trunkline.edge.testing.SipMessages;
import io.trunkline.edge.transport.LocalPoint;
import io.trunkline.edge.transport.SipFactories;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class CarrierDialectTest {

    private final SipFactories sip = SipFactories.reference();
    private final CarrierDialect dialect = new CarrierDialect(sip, profiles(
            "carrier.uk-telco.number-format", "NATIONAL", "carrier.uk-telco.codecs", "PCMA,telephone-event",
            "carrier.uk-telco.add-headers", "X-Account: 42", "carrier.uk-telco.transport", "tls"));
    private final Request offer = SipMessages.request(Request.INVITE).sdp().sessionExpires("1800;refresher=uac").build();

    private static Map<CarrierId, CarrierProfile> profiles(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return CarrierProfile.read(p);
    }

    private Request invite(Route route) throws Exception {
        URI target = dialect.requestUri(route);
        LocalPoint local = new FakeSipEndpoint().local(CarrierDialect.transportOf(target));
        return dialect.invite(offer, route, target, local, sip.headers().createCallIdHeader("edge-1"), "edge-from-tag",
                new Messages(new FakeSipEndpoint()).contact(local));
    }

    @Test
    void theInviteSpeaksTheCarriersDialect() throws Exception {
        Request invite = invite(TestCalls.carrier("uk-telco", "+442071234567"));

        SipURI requestUri = (SipURI) invite.getRequestURI();
        assertThat(requestUri.getUser()).as("national format").isEqualTo("02071234567");
        assertThat(requestUri.getTransportParam()).as("the profile's transport").isEqualTo("tls");
        assertThat(((SipURI) ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI()).getUser())
                .isEqualTo("02071234567");
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        assertThat(((SipURI) from.getAddress().getURI()).getUser()).isEqualTo("02079460000");
        assertThat(((SipURI) from.getAddress().getURI()).getHost()).as("the edge's own address").isEqualTo(FakeSipEndpoint.ADDRESS);
        assertThat(from.getTag()).isEqualTo("edge-from-tag");
        assertThat(invite.getHeader("P-Asserted-Identity").toString()).contains("<sip:02079460000@" + FakeSipEndpoint.ADDRESS + ">");
        assertThat(invite.getHeader("X-Account").toString()).contains("42");
        assertThat(((ViaHeader) invite.getHeader(ViaHeader.NAME)).getTransport()).isEqualToIgnoringCase("tls");
        assertThat(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId()).as("the edge's own Call-ID")
                .isEqualTo("edge-1");
        assertThat(invite.getHeader("Session-Expires").toString()).as("RFC 4028 request carried on").contains("1800");
        String sdp = new String(invite.getRawContent(), StandardCharsets.UTF_8);
        assertThat(sdp).contains("m=audio 4000 RTP/AVP 8 101").doesNotContain("PCMU");
    }

    @Test
    void aCallerWithoutANumberIsAnonymousAndAssertsNoIdentity() throws Exception {
        Route route = new Route("uk-telco", Route.Kind.CARRIER, "sip:+442071234567@198.51.100.1", null, null, null, "r");
        Request invite = invite(route);
        assertThat(((SipURI) ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI()).getUser())
                .isEqualTo("anonymous");
        assertThat(invite.getHeader("P-Asserted-Identity")).isNull();
    }

    @Test
    void aRouteWithoutAProfileKeepsE164EveryCodecAndItsUrisTransport() throws Exception {
        Request invite = invite(TestCalls.carrier("carrier-b", "+442071234567"));
        assertThat(((SipURI) invite.getRequestURI()).getUser()).isEqualTo("+442071234567");
        assertThat(CarrierDialect.transportOf(invite.getRequestURI())).isEqualTo("udp");
        assertThat(new String(invite.getRawContent(), StandardCharsets.UTF_8)).isEqualTo(SipMessages.SDP);
        assertThat(invite.getHeader("X-Account")).isNull();
    }

    @Test
    void aCarrierIsCountedByItsIdAndAFallbackRouteByItsUri() {
        assertThat(CarrierDialect.channelOf(TestCalls.carrier("uk-telco", "+1")))
                .isEqualTo(ChannelKey.carrier(new CarrierId("uk-telco")));
        Route fallback = new Route("sip:127.0.0.1:5090", Route.Kind.CARRIER, "sip:911@127.0.0.1:5090", null, null, null, "f");
        assertThat(CarrierDialect.channelOf(fallback)).isEqualTo(ChannelKey.uri("sip:127.0.0.1:5090"));
        assertThat(dialect.profileOf(fallback)).isEqualTo(CarrierProfile.DEFAULT);
    }
}
