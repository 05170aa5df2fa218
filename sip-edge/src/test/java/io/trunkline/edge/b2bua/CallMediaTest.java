package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.edge.config.MediaSettings;
import io.trunkline.edge.media.MediaException;
import io.trunkline.edge.media.MediaProfile;
import io.trunkline.edge.media.MediaRelay;
import io.trunkline.edge.media.NgException;
import io.trunkline.edge.media.StreamStats;
import io.trunkline.edge.testing.SipMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** A call's media through a relay, with an in-memory relay that records what it was asked (the real one: MediaRelayIT). */
class CallMediaTest {

    /** Rewrites every SDP to "relayed <command> <fromTag>-><toTag> <profile>", or fails when told to. */
    static final class RecordingRelay implements MediaRelay {
        final List<String> asked = new ArrayList<>();
        NgException.Cause failWith;
        boolean ended;

        @Override
        public boolean relays() {
            return true;
        }

        @Override
        public String offer(String callId, String fromTag, String toTag, String sdp, MediaProfile towards)
                throws MediaException {
            return answerOrFail("offer", fromTag, toTag, towards);
        }

        @Override
        public String answer(String callId, String fromTag, String toTag, String sdp, MediaProfile towards)
                throws MediaException {
            return answerOrFail("answer", fromTag, toTag, towards);
        }

        private String answerOrFail(String command, String fromTag, String toTag, MediaProfile towards)
                throws MediaException {
            asked.add(command + " " + fromTag + "->" + toTag + " " + towards.srtp());
            if (failWith != null) {
                throw new MediaException(failWith, "no");
            }
            return "v=0\r\no=CiscoSystemsCCM-SIP 2000 1 IN IP4 192.0.2.1\r\ns=SIP Call\r\nc=IN IP4 192.0.2.1\r\n"
                    + "t=0 0\r\nm=audio 30000 RTP/AVP 0\r\n" + "a=x-" + command + "\r\n";
        }

        @Override
        public Map<String, StreamStats> end(String callId) {
            ended = true;
            return Map.of("pbx-tag", new StreamStats(100, 17_200, 10L, 9.09, 3.0, 12.5, 3.5),
                    "edge-tag", StreamStats.counted(99, 17_028));
        }

        @Override
        public String describe() {
            return "recording";
        }
    }

    private final RecordingRelay relay = new RecordingRelay();
    private final CallMedia media = new CallMedia();

    private Call call() {
        Request invite = SipMessages.request(Request.INVITE).sdp().build();
        Call call = TestCalls.call(TestCalls.HQ, invite, new ArrayList<>());
        call.decided = TestCalls.decided(TestCalls.carrier("carrier-a", "+442071234567"),
                TestCalls.carrier("carrier-b", "+442071234567"));
        return call;
    }

    private Request outbound(Call call) {
        Request out = SipMessages.request(Request.INVITE).sdp().build();
        call.attempt = 0;
        return out;
    }

    @Test
    void eachRouteGetsItsOwnOfferInItsProfileAndTheOriginIsNeutral() throws Exception {
        media.use(relay, new MediaSettings(List.of(), 300, 2, 10_000, 5_000, MediaProfile.DEFAULT,
                Map.of("carrier-b", new MediaProfile(MediaProfile.Srtp.SDES, true, MediaProfile.OnFailure.PASS)), Map.of()));
        Call call = call();
        Request toA = outbound(call);
        media.offer(call, call.decision().routes().get(0), toA);
        String sdp = new String(toA.getRawContent(), StandardCharsets.UTF_8);
        assertThat(sdp).contains("a=x-offer").contains("o=- 2000 1 IN IP4 192.0.2.1").contains("s=-")
                .doesNotContain("Cisco").doesNotContain("SIP Call");
        assertThat(call.mediaRelayed).isTrue();
        Request toB = outbound(call);
        call.attempt = 1;
        media.offer(call, call.decision().routes().get(1), toB);
        assertThat(relay.asked).containsExactly("offer pbx-tag->null AS_OFFERED", "offer pbx-tag->null SDES");
    }

    @Test
    void anOfferTheRelayRefusesPassesOrRefusesTheRouteAsItsProfileSays() throws Exception {
        media.use(relay, new MediaSettings(List.of(), 300, 2, 10_000, 5_000, MediaProfile.DEFAULT,
                Map.of("carrier-a", new MediaProfile(MediaProfile.Srtp.AS_OFFERED, true, MediaProfile.OnFailure.REFUSE)),
                Map.of()));
        relay.failWith = NgException.Cause.REFUSED;
        Call call = call();
        Request toA = outbound(call);
        assertThatThrownBy(() -> media.offer(call, call.decision().routes().get(0), toA))
                .isInstanceOf(CallMedia.Refused.class).hasMessage("media not set up (refused)");
        Request toB = outbound(call);
        byte[] before = toB.getRawContent();
        media.offer(call, call.decision().routes().get(1), toB);
        assertThat(toB.getRawContent()).as("passed as it was").isEqualTo(before);
        assertThat(call.mediaRelayed).isFalse();
        assertThat(media.end(call)).as("nothing placed, nothing to end").isEmpty();
        assertThat(relay.ended).isFalse();
    }

    @Test
    void theEndNamesEachSideByItsTagAndATestCallOrNoSdpIsNotRelayed() throws Exception {
        media.use(relay, MediaSettings.NONE);
        Call call = call();
        media.offer(call, call.decision().routes().get(0), outbound(call));
        List<CallRecord.MediaLeg> legs = media.end(call);
        assertThat(legs).extracting(CallRecord.MediaLeg::side).containsExactly("PBX", "CARRIER");
        assertThat(legs.get(0).mos()).isEqualTo(3.5);
        assertThat(legs.get(1).packets()).isEqualTo(99);
        assertThat(media.end(call)).as("ended once").isEmpty();

        Call late = call();
        Request noSdp = SipMessages.request(Request.INVITE).build();
        late.attempt = 0;
        media.offer(late, late.decision().routes().get(0), noSdp);
        assertThat(late.mediaRelayed).as("a late offer passes").isFalse();
        assertThat(relay.asked).hasSize(1);
    }

    @Test
    void aReInviteFromTheCarrierIsOfferedWithTheTagsTurned() throws Exception {
        media.use(relay, MediaSettings.NONE);
        Call call = call();
        media.offer(call, call.decision().routes().get(0), outbound(call));
        Request reInvite = SipMessages.request(Request.INVITE).sdp().build();
        Request out = SipMessages.request(Request.INVITE).build();
        media.reOffer(call, false, reInvite, out);
        assertThat(relay.asked.get(1)).isEqualTo("offer edge-tag->pbx-tag AS_OFFERED");
        assertThat(new String(out.getRawContent(), StandardCharsets.UTF_8)).contains("a=x-offer");
    }

    @Test
    void aDelayedOfferIsRelayedFromTheCalleesSideAndTheCallersAnswerGoesBackToIt() throws Exception {
        media.use(relay, MediaSettings.NONE);
        Call call = TestCalls.call(TestCalls.HQ, SipMessages.request(Request.INVITE).build(), new ArrayList<>());
        call.decided = TestCalls.decided(TestCalls.carrier("carrier-a", "+442071234567"));
        call.attempt = 0;
        media.offer(call, call.decision().routes().get(0), SipMessages.request(Request.INVITE).build());
        assertThat(relay.asked).as("nothing to offer in the INVITE").isEmpty();

        Response carriersOffer = SipMessages.answer(SipMessages.request(Request.INVITE).build(), 200, "carrier-tag", null);
        carriersOffer.setContent(SipMessages.SDP, io.trunkline.edge.transport.SipFactories.reference().headers().createContentTypeHeader("application", "sdp"));
        Response toPbx = SipMessages.answer(call.aRequest, 200, "edge-tag", null);
        media.delayedOffer(call, carriersOffer, toPbx);
        assertThat(new String(toPbx.getRawContent(), StandardCharsets.UTF_8)).contains("a=x-offer").contains("o=- 2000");
        assertThat(call.mediaRelayed).isTrue();

        Request pbxAck = SipMessages.request(Request.ACK).sdp().build();
        Request toCarrier = SipMessages.request(Request.ACK).build();
        media.reAnswer(call, false, pbxAck, toCarrier);
        assertThat(new String(toCarrier.getRawContent(), StandardCharsets.UTF_8)).contains("a=x-answer");
        assertThat(relay.asked).containsExactly("offer edge-tag->pbx-tag AS_OFFERED", "answer edge-tag->pbx-tag AS_OFFERED");
        assertThat(media.end(call)).as("placed on the relay, ended with the call").hasSize(2);

        Call test = TestCalls.call(TestCalls.HQ, SipMessages.request(Request.INVITE).build(), new ArrayList<>());
        test.test = new TestCall(null, null);
        Response toNode = SipMessages.answer(test.aRequest, 200, "edge-tag", null);
        media.delayedOffer(test, carriersOffer, toNode);
        assertThat(new String(toNode.getRawContent(), StandardCharsets.UTF_8)).as("a test call's: as it is")
                .isEqualTo(SipMessages.SDP);
        assertThat(test.mediaRelayed).isFalse();
    }

    @Test
    void hidingTheOriginKeepsTheSessionIdAndVersion() {
        assertThat(CallMedia.hideOrigin("v=0\r\no=Asterisk 12 34 IN IP4 10.0.0.1\r\ns=Asterisk PBX 18\r\nt=0 0\r\n"))
                .isEqualTo("v=0\r\no=- 12 34 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n");
    }
}
