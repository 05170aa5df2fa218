package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.RequestEventExt;
import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.edge.cluster.TrunkHealthStore;
import io.trunkline.edge.routing.RoutingPort;
import io.trunkline.edge.testing.FakeSipEndpoint;
import io.trunkline.edge.testing.InMemoryCallCounters;
import io.trunkline.edge.testing.SipMessages;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sip.ResponseEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The B2BUA with its collaborators, on a stackless endpoint: decisions asked inline, nothing on the wire. */
class B2buaTest {

    private final FakeSipEndpoint sip = new FakeSipEndpoint();
    private final InMemoryCallCounters counters = new InMemoryCallCounters();
    private final TestCalls.Records records = new TestCalls.Records();
    private final List<RouteRequest> asked = new ArrayList<>();
    private RoutingPort.Decided decision = TestCalls.decided(TestCalls.carrier("carrier-a", "+442071234567"),
            TestCalls.carrier("carrier-b", "+442071234567"));
    private final TrunkHealthStore allUp = TestCalls.ALL_UP;
    private final B2bua b2bua = new B2bua(sip, request -> {
        asked.add(request);
        return decision;
    }, new Admission((ip, port) -> "10.0.1.10".equals(ip) ? TestCalls.HQ : null, counters,
            Map.of(new PbxId("hq-cucm"), 1), records), new CarrierDialect(sip.factories(), Map.of()), allUp, "edge-1",
            records, Clock.fixed(TestCalls.STARTED, ZoneOffset.UTC), Runnable::run);

    @AfterEach
    void close() {
        b2bua.close();
    }

    private static RequestEventExt from(String ip, Request request, List<Response> answers) {
        RequestEventExt event = new RequestEventExt("test", FakeSipEndpoint.serverTransaction(request, answers), null, request);
        event.setRemoteIpAddress(ip);
        event.setRemotePort(5070);
        return event;
    }

    private static List<Integer> codes(List<Response> answers) {
        return answers.stream().map(Response::getStatusCode).toList();
    }

    private void answer(Request request, int status) throws Exception {
        b2bua.onResponse(new ResponseEvent("test", null, null,
                SipMessages.answer(request, status, "carrier-tag", "sip:carrier@198.51.100.1:5060")));
    }

    @Test
    void anUnknownSourceIs403AndJournaledWithoutADecision() throws Exception {
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("198.51.100.7", SipMessages.request(Request.INVITE).build(), answers));
        assertThat(codes(answers)).containsExactly(403);
        assertThat(((javax.sip.header.ToHeader) answers.get(0).getHeader(javax.sip.header.ToHeader.NAME)).getTag())
                .as("RFC 3261 §8.2.6.2: a final answer carries a To tag").isNotBlank();
        assertThat(records.rejected).hasSize(1);
        assertThat(asked).isEmpty();
        assertThat(b2bua.activeCalls()).isZero();
    }

    @Test
    void aPbxCallIsDecidedAndPlacedAsTheEdgesOwnCall() throws Exception {
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).from("2001").sdp().build(), answers));

        assertThat(codes(answers)).containsExactly(100);
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.direction()).isEqualTo(RouteRequest.Direction.OUTBOUND);
            assertThat(r.source()).isEqualTo("hq-cucm");
            assertThat(r.calling()).isEqualTo("2001");
            assertThat(r.called()).isEqualTo("+442071234567");
            assertThat(r.forwarded()).as("no Diversion, no History-Info").isFalse();
        });
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE);
        assertThat(((CallIdHeader) sip.requests.get(0).getHeader(CallIdHeader.NAME)).getCallId())
                .as("topology hiding: a Call-ID of the edge's").isEqualTo("edge-1");
        assertThat(b2bua.activeCalls()).isEqualTo(1);
    }

    @Test
    void aForwardedCallIsToldToThePlatformAsForwarded() throws Exception {
        Request diverted = SipMessages.request(Request.INVITE).callId("diverted").from("+14165550123").sdp().build();
        diverted.addHeader(sip.factories().headers().createHeader("Diversion", "<sip:2002@10.0.1.10>;reason=no-answer"));
        b2bua.onInvite(from("10.0.1.10", diverted, new ArrayList<>()));
        assertThat(asked).extracting(RouteRequest::forwarded).containsExactly(true);
    }

    @Test
    void aFailoverCodeMovesToTheNextRouteAndTheAnswerIsRelayedAndRecorded() throws Exception {
        List<Response> answers = new ArrayList<>();
        Request invite = SipMessages.request(Request.INVITE).sdp().build();
        b2bua.onInvite(from("10.0.1.10", invite, answers));
        answer(sip.requests.get(0), 503);
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.INVITE);

        answer(sip.requests.get(1), 200);
        assertThat(codes(answers)).containsExactly(100, 200);
        assertThat(((ToHeader) answers.get(1).getHeader(ToHeader.NAME)).getTag()).as("the edge's own tag")
                .isNotNull().isNotEqualTo("carrier-tag");
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.INVITE, Request.ACK);

        b2bua.inDialog().onBye(from("10.0.1.10", SipMessages.request(Request.BYE).cseq(2).build(), new ArrayList<>()));
        assertThat(records.records).singleElement().satisfies(r -> {
            assertThat(r.attempts()).extracting(CallRecord.Attempt::target, CallRecord.Attempt::sipCode).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("carrier-a", 503), org.assertj.core.groups.Tuple.tuple("carrier-b", 200));
            assertThat(r.answeredAt()).isEqualTo(TestCalls.STARTED);
            assertThat(r.releasedBy()).isEqualTo("PBX");
        });
        assertThat(b2bua.activeCalls()).isZero();
    }

    @Test
    void aCarriersAnswerThatComesAgainIsAcknowledgedAgainAndRelayedOnce() throws Exception {
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).sdp().build(), answers));
        answer(sip.requests.get(0), 200);
        answer(sip.requests.get(0), 200);

        assertThat(codes(answers)).as("one answer to the PBX").containsExactly(100, 200);
        assertThat(sip.sentMethods()).as("our lost ACK sent again (RFC 3261 §13.2.2.4)")
                .containsExactly(Request.INVITE, Request.ACK, Request.ACK);
        assertThat(sip.requests.get(2).getRequestURI().toString()).isEqualTo("sip:carrier@198.51.100.1:5060");
        assertThat(b2bua.activeCalls()).isEqualTo(1);
        assertThat(records.records).isEmpty();
    }

    @Test
    void anotherDialogsAnswerOnTheCarrierLegIsAcknowledgedAndHungUp() throws Exception {
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).sdp().build(), answers));
        answer(sip.requests.get(0), 200);
        b2bua.onResponse(new ResponseEvent("test", null, null,
                SipMessages.answer(sip.requests.get(0), 200, "other-fork", "sip:fork@198.51.100.2:5060")));

        assertThat(codes(answers)).containsExactly(100, 200);
        assertThat(sip.sentMethods()).as("a forked 2xx: acknowledged, then its dialog ended (RFC 3261 §13.2.2.4)")
                .containsExactly(Request.INVITE, Request.ACK, Request.ACK, Request.BYE);
        assertThat(sip.requests.get(3).getRequestURI().toString()).isEqualTo("sip:fork@198.51.100.2:5060");
        assertThat(b2bua.activeCalls()).as("the call goes on").isEqualTo(1);
    }

    @Test
    void thePbxsAnswerToACarriersReInviteThatComesAgainIsAcknowledgedAgainAndTheCallGoesOn() throws Exception {
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).sdp().build(), new ArrayList<>()));
        answer(sip.requests.get(0), 200);
        List<Response> toCarrier = new ArrayList<>();
        b2bua.onInvite(from("198.51.100.1", SipMessages.request(Request.INVITE).callId("edge-1").cseq(2)
                .toTag("carrier-tag").sdp().build(), toCarrier));
        Request towardsPbx = sip.requests.get(2);
        assertThat(towardsPbx.getMethod()).isEqualTo(Request.INVITE);
        Response pbxOk = SipMessages.answer(towardsPbx, 200, "pbx-tag", "sip:2001@10.0.1.10:5070");

        b2bua.onResponse(new ResponseEvent("test", sip.clientTransactions.get(1), null, pbxOk));
        assertThat(codes(toCarrier)).containsExactly(200);
        b2bua.onResponse(new ResponseEvent("test", (javax.sip.ClientTransaction) null, null, pbxOk));

        assertThat(sip.sentMethods()).as("the PBX's 2xx acknowledged twice, no BYE")
                .containsExactly(Request.INVITE, Request.ACK, Request.INVITE, Request.ACK, Request.ACK);
        assertThat(sip.requests.get(4).getRequestURI().toString()).isEqualTo("sip:2001@10.0.1.10:5070");
        assertThat(b2bua.activeCalls()).isEqualTo(1);
        assertThat(records.records).isEmpty();
    }

    /** The carrier's offer in a 2xx, distinct from the PBX's SDP ({@link SipMessages#SDP}). */
    private static final String CARRIER_OFFER = "v=0\r\no=- 2 2 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\n"
            + "t=0 0\r\nm=audio 30000 RTP/AVP 0\r\n";

    @Test
    void aDelayedOfferIsAnsweredInTheEdgesAckOnceThePbxsAckBringsTheAnswer() throws Exception {
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).build(), answers));
        Request towardsCarrier = sip.requests.get(0);
        assertThat(towardsCarrier.getRawContent()).as("no SDP to pass on").isNull();
        Response offer = SipMessages.answer(towardsCarrier, 200, "carrier-tag", "sip:carrier@198.51.100.1:5060");
        offer.setContent(CARRIER_OFFER, sip.factories().headers().createContentTypeHeader("application", "sdp"));

        b2bua.onResponse(new ResponseEvent("test", null, null, offer));
        assertThat(codes(answers)).containsExactly(100, 200);
        assertThat(new String(answers.get(1).getRawContent())).as("the carrier's offer, to the PBX").isEqualTo(CARRIER_OFFER);
        assertThat(sip.sentMethods()).as("no ACK without the answer (RFC 3261 §13.2.1)").containsExactly(Request.INVITE);
        b2bua.onResponse(new ResponseEvent("test", null, null, offer));
        assertThat(sip.sentMethods()).as("the 2xx again: still waiting for the answer").containsExactly(Request.INVITE);

        b2bua.inDialog().onAck(from("10.0.1.10", SipMessages.request(Request.ACK).cseq(1).toTag("edge-tag").sdp().build(),
                new ArrayList<>()));
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.ACK);
        Request ack = sip.requests.get(1);
        assertThat(new String(ack.getRawContent())).as("the PBX's answer").isEqualTo(SipMessages.SDP);
        assertThat(ack.getRequestURI().toString()).isEqualTo("sip:carrier@198.51.100.1:5060");
        assertThat(((CallIdHeader) ack.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo("edge-1");
        assertThat(((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getSeqNumber())
                .isEqualTo(((CSeqHeader) towardsCarrier.getHeader(CSeqHeader.NAME)).getSeqNumber());

        b2bua.onResponse(new ResponseEvent("test", null, null, offer));
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.ACK, Request.ACK);
        assertThat(new String(sip.requests.get(2).getRawContent())).as("acknowledged again with the answer")
                .isEqualTo(SipMessages.SDP);
        assertThat(b2bua.activeCalls()).isEqualTo(1);
    }

    @Test
    void anOfferInTheInviteIsAcknowledgedAtOnceWhateverTheAnswerCarries() throws Exception {
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).sdp().build(), new ArrayList<>()));
        Response answer = SipMessages.answer(sip.requests.get(0), 200, "carrier-tag", "sip:carrier@198.51.100.1:5060");
        answer.setContent(CARRIER_OFFER, sip.factories().headers().createContentTypeHeader("application", "sdp"));
        b2bua.onResponse(new ResponseEvent("test", null, null, answer));
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.ACK);
        assertThat(sip.requests.get(1).getRawContent()).as("the answer was in the 2xx: an empty ACK").isNull();
    }

    @Test
    void onlyTheSessionTimerOptionTagGoesOnAndAReliableProvisionalIsAcknowledgedByTheEdgeAndRelayedOnce() throws Exception {
        javax.sip.header.HeaderFactory h = sip.factories().headers();
        Request invite = SipMessages.request(Request.INVITE).sdp().build();
        for (String tag : List.of("100rel", "timer", "replaces")) {
            invite.addHeader(h.createSupportedHeader(tag));
        }
        invite.addHeader(h.createHeader("Recv-Info", "foo"));
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", invite, answers));
        Request towardsCarrier = sip.requests.get(0);
        List<String> supported = new ArrayList<>();
        towardsCarrier.getHeaders(javax.sip.header.SupportedHeader.NAME).forEachRemaining(
                x -> supported.add(((javax.sip.header.SupportedHeader) x).getOptionTag()));
        assertThat(supported).as("what the edge carries end to end, not the PBX's 100rel or replaces").containsExactly("timer");
        assertThat(towardsCarrier.getHeader("Recv-Info").toString()).as("the INFO packages the PBX takes").contains("foo");

        Response progress = SipMessages.answer(towardsCarrier, 183, "carrier-tag", "sip:carrier@198.51.100.1:5060");
        progress.addHeader(h.createRequireHeader("100rel"));
        progress.addHeader(h.createRSeqHeader(1));
        progress.setContent(CARRIER_OFFER, h.createContentTypeHeader("application", "sdp"));
        b2bua.onResponse(new ResponseEvent("test", null, null, progress));
        b2bua.onResponse(new ResponseEvent("test", null, null, progress));

        assertThat(sip.sentMethods()).as("one PRACK, for the 183 and not its retransmission")
                .containsExactly(Request.INVITE, Request.PRACK);
        Request prack = sip.requests.get(1);
        assertThat(prack.getHeader(javax.sip.header.RAckHeader.NAME).toString().strip()).isEqualTo("RAck: 1 1 INVITE");
        assertThat(((ToHeader) prack.getHeader(ToHeader.NAME)).getTag()).as("in the early dialog").isEqualTo("carrier-tag");
        assertThat(((CSeqHeader) prack.getHeader(CSeqHeader.NAME)).getSeqNumber()).isEqualTo(2);
        assertThat(prack.getRequestURI().toString()).isEqualTo("sip:carrier@198.51.100.1:5060");
        assertThat(codes(answers)).as("relayed once").containsExactly(100, 183);
        assertThat(answers.get(1).getHeader(javax.sip.header.RequireHeader.NAME)).as("unreliably").isNull();
        assertThat(answers.get(1).getHeader(javax.sip.header.RSeqHeader.NAME)).isNull();

        answer(towardsCarrier, 200);
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.PRACK, Request.ACK);
        assertThat(((CSeqHeader) sip.requests.get(2).getHeader(CSeqHeader.NAME)).getSeqNumber()).as("the INVITE's")
                .isEqualTo(1);
        assertThat(codes(answers)).containsExactly(100, 183, 200);
        assertThat(new String(answers.get(2).getRawContent())).as("the answer the reliable 183 carried, in the PBX's 200")
                .isEqualTo(CARRIER_OFFER);

        answer(towardsCarrier, 180);
        assertThat(codes(answers)).as("nothing provisional after the answer").containsExactly(100, 183, 200);
        assertThat(b2bua.activeCalls()).isEqualTo(1);
    }

    @Test
    void aNewCallRequiringAnExtensionTheEdgeDoesNotCarryIs420NamingIt() throws Exception {
        Request invite = SipMessages.request(Request.INVITE).sdp().build();
        invite.addHeader(sip.factories().headers().createRequireHeader("100rel"));
        invite.addHeader(sip.factories().headers().createRequireHeader("timer"));
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", invite, answers));
        assertThat(codes(answers)).containsExactly(420);
        assertThat(answers.get(0).getHeader(javax.sip.header.UnsupportedHeader.NAME).toString()).contains("100rel")
                .doesNotContain("timer");
        assertThat(asked).isEmpty();
    }

    @Test
    void aReInviteOfACallTheNodeDoesNotHoldIs481AndNeverANewCall() throws Exception {
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).callId("ended-call").cseq(3)
                .toTag("edge-tag-of-a-call-gone").sdp().build(), answers));
        assertThat(codes(answers)).as("RFC 3261 §12.2.2").containsExactly(481);
        assertThat(asked).as("no decision: the number is not dialled again").isEmpty();
        assertThat(sip.requests).isEmpty();
        assertThat(b2bua.activeCalls()).isZero();
    }

    @Test
    void theCarrierLegCarriesOneHopLessAndAnInviteWithNoneLeftIs483() throws Exception {
        Request invite = SipMessages.request(Request.INVITE).sdp().build();
        ((javax.sip.header.MaxForwardsHeader) invite.getHeader(javax.sip.header.MaxForwardsHeader.NAME)).setMaxForwards(10);
        b2bua.onInvite(from("10.0.1.10", invite, new ArrayList<>()));
        assertThat(((javax.sip.header.MaxForwardsHeader) sip.requests.get(0).getHeader(javax.sip.header.MaxForwardsHeader.NAME))
                .getMaxForwards()).isEqualTo(9);

        Request looped = SipMessages.request(Request.INVITE).callId("looped").sdp().build();
        ((javax.sip.header.MaxForwardsHeader) looped.getHeader(javax.sip.header.MaxForwardsHeader.NAME)).setMaxForwards(0);
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", looped, answers));
        assertThat(codes(answers)).containsExactly(483);
        assertThat(asked).as("only the first call was decided").hasSize(1);
    }

    @Test
    void aBusyCarrierIsRelayedWithoutFailover() throws Exception {
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).build(), answers));
        answer(sip.requests.get(0), 486);
        assertThat(codes(answers)).containsExactly(100, 486);
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE);
        assertThat(records.records).singleElement().satisfies(r -> assertThat(r.releasedBy()).isEqualTo("CARRIER"));
    }

    @Test
    void aPbxOverItsChannelLimitGets503() throws Exception {
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).callId("first").build(), new ArrayList<>()));
        List<Response> second = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).callId("second").build(), second));
        assertThat(codes(second)).containsExactly(100, 503);
        assertThat(asked).hasSize(1);
        assertThat(records.records).singleElement().satisfies(r -> {
            assertThat(r.callId()).isEqualTo("second");
            assertThat(r.releasedBy()).isEqualTo("EDGE");
        });
    }

    @Test
    void aRefusalIsAnsweredWithItsCode() throws Exception {
        decision = new RoutingPort.Decided(new RouteDecision("c", RouteDecision.Verdict.REJECT, 404, "no such number",
                null, "+442071234567", null, List.of(), List.of(), 0, Map.of(), List.of(), TestCalls.STARTED),
                RoutingPort.Source.PLATFORM);
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).build(), answers));
        assertThat(codes(answers)).containsExactly(100, 404);
        assertThat(sip.requests).isEmpty();
    }

    @Test
    void aCallIdTheEdgeCannotKeepIsRefused400() throws Exception {
        List<Response> answers = new ArrayList<>();
        b2bua.onInvite(from("10.0.1.10", SipMessages.request(Request.INVITE).callId("x".repeat(1025)).build(), answers));
        assertThat(codes(answers)).containsExactly(400);
        assertThat(asked).isEmpty();
    }
}
