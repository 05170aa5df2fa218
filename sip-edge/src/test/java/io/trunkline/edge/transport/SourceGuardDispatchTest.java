package io.trunkline.edge.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.security.SourceGuard;
import io.trunkline.edge.testing.FakeSipEndpoint;
import io.trunkline.edge.testing.SipMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.RequestEvent;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class SourceGuardDispatchTest {

    private final FakeSipEndpoint sip = new FakeSipEndpoint();
    private final List<String> handled = new ArrayList<>();
    private final AtomicReference<SourceGuard.Verdict> verdict = new AtomicReference<>(SourceGuard.Verdict.PASS);
    private final SipDispatcher dispatcher = new SipDispatcher(sip)
            .guard((request, ip, port) -> verdict.get())
            .onRequest(Request.INVITE, e -> handled.add("invite"))
            .onRequest(Request.ACK, e -> handled.add("ack"));

    private void dispatch(String method) {
        dispatcher.processRequest(new RequestEvent("test", null, null, SipMessages.request(method).build()));
    }

    @Test
    void aPassedRequestReachesItsHandler() {
        dispatch(Request.INVITE);
        assertThat(handled).containsExactly("invite");
        assertThat(dispatcher.refused()).isZero();
    }

    @Test
    void aDroppedRequestGetsNothingAndReachesNoHandler() {
        verdict.set(SourceGuard.Verdict.DROP);
        dispatch(Request.INVITE);
        dispatch(Request.OPTIONS);
        assertThat(handled).isEmpty();
        assertThat(sip.statelessResponses).isEmpty();
        assertThat(dispatcher.refused()).isEqualTo(2);
    }

    @Test
    void aForbiddenRequestGetsAStateless403() {
        verdict.set(SourceGuard.Verdict.FORBID);
        dispatch(Request.INVITE);
        assertThat(handled).isEmpty();
        assertThat(sip.statelessResponses).extracting(Response::getStatusCode).containsExactly(403);
    }

    @Test
    void aBusyRequestGets503WithRetryAfterButAnAckIsNeverAnswered() {
        verdict.set(SourceGuard.Verdict.BUSY);
        dispatch(Request.INVITE);
        dispatch(Request.ACK);
        assertThat(sip.statelessResponses).extracting(Response::getStatusCode).containsExactly(503);
        RetryAfterHeader retry = (RetryAfterHeader) sip.statelessResponses.get(0).getHeader(RetryAfterHeader.NAME);
        assertThat(retry.getRetryAfter()).as("RFC 3261 §21.5.4").isEqualTo(5);
        assertThat(handled).isEmpty();
    }
}
