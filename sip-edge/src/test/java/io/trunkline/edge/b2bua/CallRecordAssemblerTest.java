package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.edge.testing.SipMessages;
import java.time.Instant;
import java.util.ArrayList;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class CallRecordAssemblerTest {

    private final CallRecordAssembler assembler = new CallRecordAssembler("edge-1");
    private static final Instant ENDED = TestCalls.STARTED.plusSeconds(42);

    @Test
    void anOutboundCallIsRecordedWithItsPbxDialedNumbersDecisionAndAttempts() {
        Call call = TestCalls.call(TestCalls.HQ, SipMessages.request(Request.INVITE).from("2001").to("9011442071234567")
                .build(), new ArrayList<>());
        call.decided = TestCalls.decided(TestCalls.carrier("carrier-a", "+442071234567"));
        call.attempt = 0;
        call.attemptEnded(200);
        call.answeredAt = TestCalls.STARTED.plusSeconds(2);

        CallRecord r = assembler.assemble(call, 200, "PBX", ENDED);

        assertThat(r.callId()).isEqualTo("pbx-call-1@10.0.1.10");
        assertThat(r.node()).isEqualTo("edge-1");
        assertThat(r.pbx()).isEqualTo("hq-cucm");
        assertThat(r.callingDialed()).isEqualTo("2001");
        assertThat(r.calledDialed()).isEqualTo("9011442071234567");
        assertThat(r.calledNormalized()).isEqualTo("+442071234567");
        assertThat(r.decisionSource()).isEqualTo("PLATFORM");
        assertThat(r.attempts()).extracting(CallRecord.Attempt::target).containsExactly("carrier-a");
        assertThat(r.startedAt()).isEqualTo(TestCalls.STARTED);
        assertThat(r.endedAt()).isEqualTo(ENDED);
        assertThat(r.releaseCode()).isEqualTo(200);
        assertThat(r.releasedBy()).isEqualTo("PBX");
        assertThat(r.direction()).isEqualTo("OUTBOUND");
        assertThat(r.origin()).isEqualTo("hq-cucm");
    }

    @Test
    void anInboundCallsPbxIsWhereTheDecisionSentIt() {
        Call call = TestCalls.call(TestCalls.CARRIER_A);
        call.decided = TestCalls.decided(new Route("branch", Route.Kind.PBX, "sip:2001@10.0.2.10", null, null, null, "did"));
        call.attempt = 0;
        call.attemptEnded(486);

        CallRecord r = assembler.assemble(call, 486, "CARRIER", ENDED);
        assertThat(r.pbx()).isEqualTo("branch");
        assertThat(r.direction()).isEqualTo("INBOUND");
        assertThat(r.origin()).isEqualTo("carrier-a");
    }

    @Test
    void aCallEndedBeforeItsDecisionHasNoDecidedFields() {
        CallRecord r = assembler.assemble(TestCalls.call(TestCalls.HQ), 503, "EDGE", ENDED);
        assertThat(r.calledNormalized()).isNull();
        assertThat(r.decisionSource()).isNull();
        assertThat(r.attempts()).isEmpty();
        assertThat(r.releaseCode()).isEqualTo(503);
    }
}
