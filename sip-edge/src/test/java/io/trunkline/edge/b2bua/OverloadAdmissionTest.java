package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.RequestEventExt;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.edge.cluster.TrunkHealthStore;
import io.trunkline.edge.overload.OverloadControl;
import io.trunkline.edge.testing.FakeSipEndpoint;
import io.trunkline.edge.testing.InMemoryCallCounters;
import io.trunkline.edge.testing.SipMessages;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sip.ResponseEvent;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the B2BUA puts new calls to overload control, and what it reports to it. */
class OverloadAdmissionTest {

    /** Refuses while {@code full}; keeps what it was told. */
    private static final class Control implements OverloadControl {
        boolean full;
        final List<Long> decided = new ArrayList<>();

        @Override
        public boolean admitNewCall() {
            return !full;
        }

        @Override
        public int retryAfterSeconds() {
            return 7;
        }

        @Override
        public void decided(long nanos) {
            decided.add(nanos);
        }
    }

    private final FakeSipEndpoint sip = new FakeSipEndpoint();
    private final Control control = new Control();
    private final List<RouteRequest> asked = new ArrayList<>();
    private final TrunkHealthStore allUp = TestCalls.ALL_UP;
    private final TestCalls.Records records = new TestCalls.Records();
    private final B2bua b2bua = new B2bua(sip, request -> {
        asked.add(request);
        return TestCalls.decided(TestCalls.carrier("carrier-a", "+442071234567"));
    }, new Admission((ip, port) -> TestCalls.HQ, new InMemoryCallCounters(), Map.of(new PbxId("hq-cucm"), 10), records),
            new CarrierDialect(sip.factories(), Map.of()), allUp, "edge-1", records,
            Clock.fixed(TestCalls.STARTED, ZoneOffset.UTC), Runnable::run, control);

    @AfterEach
    void close() {
        b2bua.close();
    }

    private static RequestEventExt from(Request request, List<Response> answers) {
        RequestEventExt event = new RequestEventExt("test", FakeSipEndpoint.serverTransaction(request, answers), null, request);
        event.setRemoteIpAddress("10.0.1.10");
        event.setRemotePort(5070);
        return event;
    }

    @Test
    void aNewCallRefusedForOverloadGets503WithRetryAfterStatelesslyAndCostsNoDecision() throws Exception {
        control.full = true;
        List<Response> inTransaction = new ArrayList<>();
        b2bua.onInvite(from(SipMessages.request(Request.INVITE).callId("refused").build(), inTransaction));

        assertThat(inTransaction).as("no server transaction, not even 100 Trying").isEmpty();
        assertThat(sip.statelessResponses).singleElement().satisfies(r -> {
            assertThat(r.getStatusCode()).isEqualTo(503);
            assertThat(((RetryAfterHeader) r.getHeader(RetryAfterHeader.NAME)).getRetryAfter()).isEqualTo(7);
            assertThat(((javax.sip.header.ToHeader) r.getHeader("To")).getTag()).isNotNull();
        });
        assertThat(asked).isEmpty();
        assertThat(records.records).as("a refused INVITE leaves no call behind").isEmpty();
        assertThat(b2bua.activeCalls()).isZero();
        assertThat(b2bua.callsInSetup()).isZero();
    }

    @Test
    void anAdmittedCallIsCountedInSetupUntilAnsweredAndItsDecisionTimeReported() throws Exception {
        List<Response> answers = new ArrayList<>();
        Request invite = SipMessages.request(Request.INVITE).sdp().build();
        b2bua.onInvite(from(invite, answers));
        assertThat(b2bua.callsInSetup()).isEqualTo(1);
        assertThat(b2bua.pendingDecisions()).isZero();
        assertThat(control.decided).singleElement().satisfies(n -> assertThat(n).isNotNegative());

        // Overloaded now: the call already taken goes on, its answer and BYE pass.
        control.full = true;
        b2bua.onResponse(new ResponseEvent("test", null, null,
                SipMessages.answer(sip.requests.get(0), 200, "carrier-tag", "sip:carrier@198.51.100.1:5060")));
        assertThat(answers.stream().map(Response::getStatusCode)).containsExactly(100, 200);
        assertThat(b2bua.callsInSetup()).isZero();
        b2bua.inDialog().onBye(from(SipMessages.request(Request.BYE).cseq(2).build(), new ArrayList<>()));
        assertThat(records.records).singleElement().satisfies(r -> assertThat(r.releasedBy()).isEqualTo("PBX"));
        assertThat(sip.statelessResponses).extracting(Response::getStatusCode).as("nothing refused (the 200 may be sent again)")
                .allMatch(code -> code == 200);
    }

    @Test
    void aCallTheCarrierRingsIsNoLongerInSetup() throws Exception {
        b2bua.onInvite(from(SipMessages.request(Request.INVITE).build(), new ArrayList<>()));
        b2bua.onResponse(new ResponseEvent("test", null, null,
                SipMessages.answer(sip.requests.get(0), 180, "carrier-tag", "sip:carrier@198.51.100.1:5060")));
        assertThat(b2bua.callsInSetup()).as("ringing is the called party's time, not the node's work").isZero();
        b2bua.onResponse(new ResponseEvent("test", null, null,
                SipMessages.answer(sip.requests.get(0), 200, "carrier-tag", "sip:carrier@198.51.100.1:5060")));
        assertThat(b2bua.callsInSetup()).as("counted down once").isZero();
    }

    @Test
    void aCallEndedBeforeAnswerLeavesTheSetupCount() throws Exception {
        b2bua.onInvite(from(SipMessages.request(Request.INVITE).build(), new ArrayList<>()));
        assertThat(b2bua.callsInSetup()).isEqualTo(1);
        b2bua.onResponse(new ResponseEvent("test", null, null,
                SipMessages.answer(sip.requests.get(0), 486, "carrier-tag", "sip:carrier@198.51.100.1:5060")));
        assertThat(b2bua.callsInSetup()).isZero();
    }
}
