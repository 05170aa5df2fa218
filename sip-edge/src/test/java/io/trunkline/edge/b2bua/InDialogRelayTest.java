package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.edge.cluster.ChannelKey;
import io.trunkline.edge.testing.FakeSipEndpoint;
import io.trunkline.edge.testing.InMemoryCallCounters;
import io.trunkline.edge.testing.SipMessages;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InDialogRelayTest {

    private static final String PBX_CALL = "pbx-call-1@10.0.1.10";
    private static final String CARRIER_CALL = "edge-1";
    private static final ChannelKey CARRIER_A = ChannelKey.carrier(new CarrierId("carrier-a"));
    private static final ChannelKey HQ = ChannelKey.pbx(new PbxId("hq-cucm"));

    private final FakeSipEndpoint sip = new FakeSipEndpoint();
    private final InMemoryCallCounters counters = new InMemoryCallCounters();
    private final TestCalls.Records records = new TestCalls.Records();
    private final Admission admission = new Admission((ip, port) -> null, counters, Map.of(), records);
    private final Calls calls = new Calls(sip, admission, new CallRecordAssembler("edge-1"), records,
            Clock.fixed(TestCalls.STARTED.plusSeconds(60), ZoneOffset.UTC), new CallMedia());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    /** The 2xx retransmission's T1, T2 and total wait shortened to 10, 40 and 300 ms. */
    private final InDialogRelay relay = new InDialogRelay(sip, new Messages(sip), calls, new CallMedia(), timers, 10, 40, 300);
    /** The same with 10 s for the ACK, for tests of what happens before the wait ends, not of the wait's length. */
    private final InDialogRelay patient = new InDialogRelay(sip, new Messages(sip), calls, new CallMedia(), timers, 10, 40, 10_000);
    private final List<Response> toPbx = new ArrayList<>();
    private Call call;

    /** A call the carrier answered: both legs confirmed, a channel held on each side. */
    @BeforeEach
    void confirmedCall() throws Exception {
        call = TestCalls.call(TestCalls.HQ, SipMessages.request(Request.INVITE).callId(PBX_CALL).sdp().build(), toPbx);
        call.decided = TestCalls.decided(TestCalls.carrier("carrier-a", "+442071234567"));
        call.attempt = 0;
        call.bRequest = SipMessages.request(Request.INVITE).callId(CARRIER_CALL).from("+442079460000").build();
        call.bCallId = CARRIER_CALL;
        call.bToTag = "carrier-tag";
        call.bRemoteTarget = sip.factories().addresses().createURI("sip:carrier@198.51.100.1:5060");
        call.state = Call.State.CONFIRMED;
        assertThat(admission.holdPbxChannel(call)).isTrue();
        assertThat(admission.holdTrunkChannel(call, CARRIER_A, 0)).isTrue();
        calls.put(PBX_CALL, call);
        calls.put(CARRIER_CALL, call);
    }

    private static RequestEvent event(Request request, List<Response> sent) {
        return new RequestEvent("test", FakeSipEndpoint.serverTransaction(request, sent), null, request);
    }

    @Test
    void aByeFromThePbxEndsBothLegsAndJournalsTheCallFirst() throws Exception {
        List<Response> byeAnswers = new ArrayList<>();
        relay.onBye(event(SipMessages.request(Request.BYE).callId(PBX_CALL).cseq(2).toTag("edge-tag").build(), byeAnswers));

        assertThat(byeAnswers).extracting(Response::getStatusCode).containsExactly(200);
        assertThat(sip.sentMethods()).containsExactly(Request.BYE);
        Request bye = sip.requests.get(0);
        assertThat(((CallIdHeader) bye.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo(CARRIER_CALL);
        assertThat(((ToHeader) bye.getHeader(ToHeader.NAME)).getTag()).isEqualTo("carrier-tag");
        assertThat(((CSeqHeader) bye.getHeader(CSeqHeader.NAME)).getSeqNumber()).isEqualTo(2);
        assertThat(bye.getRequestURI().toString()).isEqualTo("sip:carrier@198.51.100.1:5060");
        assertThat(records.records).singleElement().satisfies(r -> {
            assertThat(r.releaseCode()).isEqualTo(200);
            assertThat(r.releasedBy()).isEqualTo("PBX");
            assertThat(r.endedAt()).isEqualTo(TestCalls.STARTED.plusSeconds(60));
        });
        assertThat(calls.get(PBX_CALL)).isNull();
        assertThat(calls.get(CARRIER_CALL)).isNull();
        assertThat(counters.count(CARRIER_A) + counters.count(HQ)).as("both channels given back").isZero();
    }

    @Test
    void aByeFromTheCarrierGoesToThePbxInThePbxsDialog() throws Exception {
        relay.onBye(event(SipMessages.request(Request.BYE).callId(CARRIER_CALL).cseq(5).build(), new ArrayList<>()));

        Request bye = sip.requests.get(0);
        assertThat(((CallIdHeader) bye.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo(PBX_CALL);
        assertThat(((FromHeader) bye.getHeader(FromHeader.NAME)).getTag()).as("the edge's tag in the PBX dialog")
                .isEqualTo("edge-tag");
        assertThat(((ToHeader) bye.getHeader(ToHeader.NAME)).getTag()).isEqualTo("pbx-tag");
        assertThat(((SipURI) bye.getRequestURI()).getHost()).as("the PBX's Contact").isEqualTo("10.0.1.10");
        assertThat(records.records).singleElement().satisfies(r -> assertThat(r.releasedBy()).isEqualTo("CARRIER"));
    }

    @Test
    void aByeForNoCallIsAnswered481() throws Exception {
        List<Response> answers = new ArrayList<>();
        relay.onBye(event(SipMessages.request(Request.BYE).callId("unknown").build(), answers));
        assertThat(answers).extracting(Response::getStatusCode).containsExactly(481);
        assertThat(sip.requests).isEmpty();
    }

    @Test
    void aReInviteIsPassedThroughOneOfferAtATimeAndItsAnswerRelayedBack() throws Exception {
        List<Response> toSender = new ArrayList<>();
        Request hold = SipMessages.request(Request.INVITE).callId(PBX_CALL).cseq(2).toTag("edge-tag").sdp()
                .sessionExpires("1800").build();
        relay.reInvite(event(hold, toSender), call, PBX_CALL);

        assertThat(sip.sentMethods()).containsExactly(Request.INVITE);
        Request towardsCarrier = sip.requests.get(0);
        assertThat(((CallIdHeader) towardsCarrier.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo(CARRIER_CALL);
        assertThat(new String(towardsCarrier.getRawContent())).isEqualTo(SipMessages.SDP);
        assertThat(towardsCarrier.getHeader("Session-Expires")).isNotNull();

        List<Response> second = new ArrayList<>();
        relay.reInvite(event(SipMessages.request(Request.INVITE).callId(CARRIER_CALL).cseq(3).build(), second),
                call, CARRIER_CALL);
        assertThat(second).extracting(Response::getStatusCode).as("RFC 3261 §14.2").containsExactly(491);

        Response ok = SipMessages.answer(towardsCarrier, 200, "carrier-tag", "sip:carrier@198.51.100.1:5060");
        assertThat(relay.onReInviteResponse(new ResponseEvent("test", call.reInvite.to(), null, ok), call)).isTrue();
        assertThat(toSender).extracting(Response::getStatusCode).containsExactly(200);
        assertThat(sip.sentMethods()).as("the edge acknowledges the carrier's 2xx").containsExactly(Request.INVITE, Request.ACK);
        assertThat(call.reInvite).isNull();
    }

    @Test
    void aReInviteTheOtherSideNeverAnswersIsAnswered408AndTheNextIsPassedOn() throws Exception {
        List<Response> toSender = new ArrayList<>();
        relay.reInvite(event(SipMessages.request(Request.INVITE).callId(PBX_CALL).cseq(2).toTag("edge-tag").sdp().build(),
                toSender), call, PBX_CALL);
        javax.sip.ClientTransaction towardsCarrier = sip.clientTransactions.get(0);

        assertThat(relay.onOfferTimeout(towardsCarrier)).isTrue();
        assertThat(toSender).extracting(Response::getStatusCode).containsExactly(408);
        assertThat(call.reInvite).isNull();
        assertThat(relay.onOfferTimeout(towardsCarrier)).as("once").isFalse();

        List<Response> next = new ArrayList<>();
        relay.reInvite(event(SipMessages.request(Request.INVITE).callId(PBX_CALL).cseq(3).toTag("edge-tag").sdp().build(),
                next), call, PBX_CALL);
        assertThat(next).as("not 491: the call takes offers again").isEmpty();
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.INVITE);
    }

    /** The carrier's offer in a 2xx, distinct from the PBX's SDP ({@link SipMessages#SDP}). */
    private static final String CARRIER_OFFER = "v=0\r\no=- 2 3 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\n"
            + "t=0 0\r\nm=audio 30000 RTP/AVP 0\r\n";

    /** A re-INVITE without SDP from the PBX passed on, and the carrier's 2xx with its offer relayed back. */
    private Request delayedOfferFromThePbx(List<Response> toSender) throws Exception {
        relay.reInvite(event(SipMessages.request(Request.INVITE).callId(PBX_CALL).cseq(2).toTag("edge-tag").build(),
                toSender), call, PBX_CALL);
        Request towardsCarrier = sip.requests.get(0);
        assertThat(towardsCarrier.getRawContent()).isNull();
        Response offer = SipMessages.answer(towardsCarrier, 200, "carrier-tag", "sip:carrier@198.51.100.1:5060");
        offer.setContent(CARRIER_OFFER, sip.factories().headers().createContentTypeHeader("application", "sdp"));
        synchronized (call) {
            assertThat(relay.onReInviteResponse(new ResponseEvent("test", call.reInvite.to(), null, offer), call)).isTrue();
        }
        return towardsCarrier;
    }

    @Test
    void aReInviteWithoutSdpTakesTheOfferFromTheOtherSidesAnswerAndTheSendersAckTakesTheAnswerBack() throws Exception {
        List<Response> toSender = new ArrayList<>();
        Request towardsCarrier = delayedOfferFromThePbx(toSender);
        assertThat(toSender).extracting(Response::getStatusCode).containsExactly(200);
        assertThat(new String(toSender.get(0).getRawContent())).isEqualTo(CARRIER_OFFER);
        assertThat(sip.sentMethods()).as("the carrier's 2xx not acknowledged without the answer").containsExactly(Request.INVITE);

        relay.onAck(event(SipMessages.request(Request.ACK).callId(PBX_CALL).cseq(2).toTag("edge-tag").sdp().build(),
                new ArrayList<>()));
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.ACK);
        Request ack = sip.requests.get(1);
        assertThat(new String(ack.getRawContent())).as("the PBX's answer, to the carrier").isEqualTo(SipMessages.SDP);
        assertThat(((CallIdHeader) ack.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo(CARRIER_CALL);
        assertThat(((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getSeqNumber())
                .isEqualTo(((CSeqHeader) towardsCarrier.getHeader(CSeqHeader.NAME)).getSeqNumber());
        relay.onAck(event(SipMessages.request(Request.ACK).callId(PBX_CALL).cseq(2).toTag("edge-tag").sdp().build(),
                new ArrayList<>()));
        assertThat(sip.sentMethods()).as("the PBX's ACK again is absorbed").containsExactly(Request.INVITE, Request.ACK);
    }

    @Test
    void aHangUpBeforeTheAnswerCameAcknowledgesTheOfferBeforeTheBye() throws Exception {
        delayedOfferFromThePbx(new ArrayList<>());
        relay.onBye(event(SipMessages.request(Request.BYE).callId(PBX_CALL).cseq(3).toTag("edge-tag").build(),
                new ArrayList<>()));
        assertThat(sip.sentMethods()).as("the dialog's 2xx acknowledged, then hung up")
                .containsExactly(Request.INVITE, Request.ACK, Request.BYE);
        assertThat(new String(sip.requests.get(1).getRawContent())).as("an answer rejecting every stream (RFC 3264 §6)")
                .contains("m=audio 0 RTP/AVP 0").contains("o=- 0 0 IN IP4 0.0.0.0").doesNotContain("30000");
    }

    @Test
    void noNewOfferWhileADelayedOffersAnswerIsAwaited() throws Exception {
        delayedOfferFromThePbx(new ArrayList<>());
        List<Response> toCarrier = new ArrayList<>();
        relay.reInvite(event(SipMessages.request(Request.INVITE).callId(CARRIER_CALL).cseq(5).toTag("carrier-tag").sdp()
                .build(), toCarrier), call, CARRIER_CALL);
        assertThat(toCarrier).extracting(Response::getStatusCode).as("RFC 3261 §14.1: its offer is still open")
                .containsExactly(491);
        relay.onAck(event(SipMessages.request(Request.ACK).callId(PBX_CALL).cseq(2).toTag("edge-tag").sdp().build(),
                new ArrayList<>()));
        relay.reInvite(event(SipMessages.request(Request.INVITE).callId(CARRIER_CALL).cseq(6).toTag("carrier-tag").sdp()
                .build(), toCarrier), call, CARRIER_CALL);
        assertThat(toCarrier).as("answered: the next offer goes on").hasSize(1);
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.ACK, Request.INVITE);
    }

    @Test
    void anInfoGoesToTheOtherSideWithItsBodyAndItsAnswerComesBack() throws Exception {
        javax.sip.header.HeaderFactory h = sip.factories().headers();
        Request digit = SipMessages.request(Request.INFO).callId(PBX_CALL).cseq(2).toTag("edge-tag").build();
        digit.setContent("Signal=5\r\nDuration=160\r\n", h.createContentTypeHeader("application", "dtmf-relay"));
        List<Response> toPbx = new ArrayList<>();
        relay.onInfo(event(digit, toPbx));

        assertThat(sip.sentMethods()).containsExactly(Request.INFO);
        Request out = sip.requests.get(0);
        assertThat(((CallIdHeader) out.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo(CARRIER_CALL);
        assertThat(((ToHeader) out.getHeader(ToHeader.NAME)).getTag()).isEqualTo("carrier-tag");
        assertThat(new String(out.getRawContent())).isEqualTo("Signal=5\r\nDuration=160\r\n");
        assertThat(out.getHeader("Content-Type").toString()).contains("application/dtmf-relay");
        assertThat(toPbx).as("nothing before the carrier's answer").isEmpty();

        Response ok = SipMessages.answer(out, 469, "carrier-tag", null);
        ok.setReasonPhrase("Bad Info Package");
        ok.addHeader(h.createHeader("Recv-Info", "foo"));
        assertThat(relay.onInfoResponse(new ResponseEvent("test", sip.clientTransactions.get(0), null, ok))).isTrue();
        assertThat(toPbx).extracting(Response::getStatusCode).containsExactly(469);
        assertThat(toPbx.get(0).getReasonPhrase()).isEqualTo("Bad Info Package");
        assertThat(toPbx.get(0).getHeader("Recv-Info").toString()).as("the packages the carrier takes (RFC 6086 §4.2.2)")
                .contains("foo");
        assertThat(relay.onInfoResponse(new ResponseEvent("test", sip.clientTransactions.get(0), null, ok)))
                .as("answered once").isFalse();

        List<Response> toCarrier = new ArrayList<>();
        relay.onInfo(event(SipMessages.request(Request.INFO).callId(CARRIER_CALL).cseq(4).toTag("carrier-tag").build(),
                toCarrier));
        Request towardsPbx = sip.requests.get(1);
        assertThat(((CallIdHeader) towardsPbx.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo(PBX_CALL);
        assertThat(relay.onInfoTimeout(sip.clientTransactions.get(1))).isTrue();
        assertThat(toCarrier).extracting(Response::getStatusCode).as("the PBX never answered").containsExactly(408);
    }

    @Test
    void anInfoBeforeTheAnswerIsAnswered491AndAfterTheEnd481() throws Exception {
        call.state = Call.State.EARLY;
        List<Response> answers = new ArrayList<>();
        relay.onInfo(event(SipMessages.request(Request.INFO).callId(PBX_CALL).cseq(2).build(), answers));
        call.state = Call.State.ENDED;
        relay.onInfo(event(SipMessages.request(Request.INFO).callId(PBX_CALL).cseq(3).build(), answers));
        assertThat(answers).extracting(Response::getStatusCode).containsExactly(491, 481);
        assertThat(sip.requests).isEmpty();
    }

    @Test
    void aCancelBeforeAnswerEndsTheCall487() throws Exception {
        call.state = Call.State.TRYING;
        List<Response> cancelAnswers = new ArrayList<>();
        relay.onCancel(event(SipMessages.request(Request.CANCEL).callId(PBX_CALL).build(), cancelAnswers));

        assertThat(cancelAnswers).extracting(Response::getStatusCode).containsExactly(200);
        assertThat(toPbx).extracting(Response::getStatusCode).containsExactly(487);
        assertThat(call.state).isEqualTo(Call.State.ENDED);
        assertThat(records.records).singleElement().satisfies(r -> {
            assertThat(r.releaseCode()).isEqualTo(487);
            assertThat(r.releasedBy()).isEqualTo("PBX");
        });
    }

    @Test
    void anUpdateInACallNotYetAnsweredIsAnsweredRequestPending() throws Exception {
        call.state = Call.State.EARLY;
        List<Response> answers = new ArrayList<>();
        relay.onUpdate(event(SipMessages.request(Request.UPDATE).callId(PBX_CALL).sdp().build(), answers));
        assertThat(answers).extracting(Response::getStatusCode).containsExactly(491);
        assertThat(sip.requests).isEmpty();
    }

    @Test
    void anUpdateFromTheCarrierGoesToThePbxAndItsAnswerBack() throws Exception {
        List<Response> toCarrier = new ArrayList<>();
        relay.onUpdate(event(SipMessages.request(Request.UPDATE).callId(CARRIER_CALL).cseq(2).sdp().build(), toCarrier));

        assertThat(sip.sentMethods()).containsExactly(Request.UPDATE);
        Request update = sip.requests.get(0);
        assertThat(((CallIdHeader) update.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo(PBX_CALL);
        assertThat(((CSeqHeader) update.getHeader(CSeqHeader.NAME)).getSeqNumber()).as("the edge's CSeq in the PBX dialog")
                .isEqualTo(1);

        Response ok = SipMessages.answer(update, 200, "edge-tag", null);
        relay.onUpdateResponse(new ResponseEvent("test", call.update.to(), null, ok));
        assertThat(toCarrier).extracting(Response::getStatusCode).containsExactly(200);
        assertThat(sip.sentMethods()).as("no ACK for an UPDATE").containsExactly(Request.UPDATE);
        assertThat(call.update).isNull();
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    /** Polls {@code condition} (every 5 ms, at most 5 s) under the call's lock, which the timer thread also takes. */
    private boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            synchronized (call) {
                if (condition.getAsBoolean()) {
                    return true;
                }
            }
            Thread.sleep(5);
        }
        return false;
    }

    @Test
    void theAnswerToThePbxIsSentAgainUntilItsAckComes() throws Exception {
        Response ok = SipMessages.answer(call.aRequest, 200, "edge-tag", "sip:edge@192.0.2.1:5060");
        synchronized (call) {
            patient.awaitAck(call, true, ok);
        }
        assertThat(eventually(() -> sip.statelessResponses.size() >= 3)).as("sent again, unacknowledged").isTrue();
        assertThat(sip.statelessResponses).allSatisfy(r -> assertThat(r).isSameAs(ok));

        // An ACK of another CSeq (a re-INVITE's) does not stop it; the INVITE's does.
        patient.onAck(event(SipMessages.request(Request.ACK).callId(PBX_CALL).cseq(7).toTag("edge-tag").build(), new ArrayList<>()));
        int before = sip.statelessResponses.size();
        assertThat(eventually(() -> sip.statelessResponses.size() > before)).isTrue();
        patient.onAck(event(SipMessages.request(Request.ACK).callId(PBX_CALL).cseq(1).toTag("edge-tag").build(), new ArrayList<>()));
        int acked = sip.statelessResponses.size();
        Thread.sleep(200);
        assertThat(sip.statelessResponses).as("nothing after the ACK").hasSize(acked);
        synchronized (call) {
            assertThat(call.toPbx).as("the answer is not held once acknowledged").isNull();
        }
        assertThat(call.state).isEqualTo(Call.State.CONFIRMED);
        assertThat(records.records).isEmpty();
    }

    @Test
    void theAnswerToACarriersReInviteIsSentAgainUntilTheCarrierAcknowledgesIt() throws Exception {
        List<Response> toCarrier = new ArrayList<>();
        patient.reInvite(event(SipMessages.request(Request.INVITE).callId(CARRIER_CALL).cseq(3).toTag("carrier-tag").sdp()
                .build(), toCarrier), call, CARRIER_CALL);
        Request towardsPbx = sip.requests.get(0);
        assertThat(((CallIdHeader) towardsPbx.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo(PBX_CALL);

        Response ok = SipMessages.answer(towardsPbx, 200, "pbx-tag", "sip:pbx@10.0.1.10:5060");
        synchronized (call) {
            assertThat(patient.onReInviteResponse(new ResponseEvent("test", call.reInvite.to(), null, ok), call)).isTrue();
        }
        assertThat(toCarrier).extracting(Response::getStatusCode).containsExactly(200);
        assertThat(eventually(() -> sip.statelessResponses.size() >= 2)).as("sent again, unacknowledged").isTrue();
        assertThat(sip.statelessResponses).allSatisfy(r -> assertThat(r).isSameAs(toCarrier.get(0)));

        // The PBX's ACK of its own dialog does not stop it; the carrier's for CSeq 3 does.
        patient.onAck(event(SipMessages.request(Request.ACK).callId(PBX_CALL).cseq(3).toTag("edge-tag").build(), new ArrayList<>()));
        int before = sip.statelessResponses.size();
        assertThat(eventually(() -> sip.statelessResponses.size() > before)).isTrue();
        patient.onAck(event(SipMessages.request(Request.ACK).callId(CARRIER_CALL).cseq(3).toTag("carrier-tag").build(),
                new ArrayList<>()));
        int acked = sip.statelessResponses.size();
        Thread.sleep(200);
        assertThat(sip.statelessResponses).as("nothing after the ACK").hasSize(acked);
        synchronized (call) {
            assertThat(call.toCarrier).isNull();
            assertThat(call.state).isEqualTo(Call.State.CONFIRMED);
        }
    }

    @Test
    void anAnswerNeverAcknowledgedEndsTheCallOnBothSides() throws Exception {
        Response ok = SipMessages.answer(call.aRequest, 200, "edge-tag", "sip:edge@192.0.2.1:5060");
        synchronized (call) {
            relay.awaitAck(call, true, ok);
        }
        assertThat(eventually(() -> call.state == Call.State.ENDED)).as("hung up after the wait").isTrue();
        assertThat(sip.statelessResponses).as("sent again at 10, 20, 40, 40 ... ms").hasSizeGreaterThanOrEqualTo(5);
        assertThat(sip.sentMethods()).containsExactly(Request.BYE, Request.BYE);
        assertThat(sip.requests).extracting(r -> ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId())
                .containsExactlyInAnyOrder(CARRIER_CALL, PBX_CALL);
        assertThat(records.records).singleElement().satisfies(r -> {
            assertThat(r.releaseCode()).isEqualTo(408);
            assertThat(r.releasedBy()).isEqualTo("EDGE");
        });
        assertThat(calls.get(PBX_CALL)).as("both legs forgotten").isNull();
        assertThat(calls.get(CARRIER_CALL)).isNull();
    }
}
