package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ResponseEvent;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Test calls through the B2BUA on a stackless endpoint: the same decision and failover as a real call's. */
class TestCallOriginatorTest {

    private final FakeSipEndpoint sip = new FakeSipEndpoint();
    private final InMemoryCallCounters counters = new InMemoryCallCounters();
    private final TestCalls.Records records = new TestCalls.Records();
    private final List<RouteRequest> asked = new ArrayList<>();
    private RoutingPort.Decided decision = TestCalls.decided(TestCalls.carrier("carrier-a", "+442071234567"),
            TestCalls.carrier("carrier-bb", "+442071234567"));
    private final TrunkHealthStore allUp = TestCalls.ALL_UP;
    private final B2bua b2bua = new B2bua(sip, request -> {
        asked.add(request);
        return decision;
    }, new Admission((ip, port) -> null, counters, Map.of(new PbxId("hq-cucm"), 1), records),
            new CarrierDialect(sip.factories(), Map.of()), allUp, "edge-1", records,
            Clock.fixed(TestCalls.STARTED, ZoneOffset.UTC), Runnable::run);

    @AfterEach
    void close() {
        b2bua.close();
    }

    private static TestCallRequest drill(Set<String> down, int holdMs, int timeoutMs) {
        return new TestCallRequest("drill-1", RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001", "9011442071234567",
                down, holdMs, timeoutMs);
    }

    private void answer(Request request, int status) throws Exception {
        b2bua.onResponse(new ResponseEvent("test", null, null,
                SipMessages.answer(request, status, "carrier-tag", "sip:carrier@198.51.100.1:5060")));
    }

    private static String target(Request invite) {
        return invite.getRequestURI().toString();
    }

    @Test
    void aDownTargetIsSkippedForTheTestCallOnlyAndTheAnswerIsHeldThenHungUp() throws Exception {
        CompletableFuture<TestCallResult> result = b2bua.testCalls().originate(drill(Set.of("carrier-a"), 0, 30_000),
                TestCalls.HQ);
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.direction()).isEqualTo(RouteRequest.Direction.OUTBOUND);
            assertThat(r.source()).isEqualTo("hq-cucm");
            assertThat(r.calling()).isEqualTo("2001");
            assertThat(r.called()).isEqualTo("9011442071234567");
        });
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE);
        Request invite = sip.requests.get(0);
        assertThat(target(invite)).as("carrier-a is down for this call").contains("198.51.100.10:");
        assertThat(new String(invite.getRawContent())).as("the synthetic caller's SDP offer passed on")
                .contains("m=audio 9 RTP/AVP 0 8 101");
        assertThat(b2bua.activeCalls()).isEqualTo(1);
        assertThat(counters.count(io.trunkline.edge.cluster.ChannelKey.pbx(new PbxId("hq-cucm"))))
                .as("the test call holds its PBX's channel").isEqualTo(1);

        answer(invite, 200);
        TestCallResult r = result.get(5, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(TestCallResult.Outcome.ANSWERED);
        assertThat(r.sipCode()).isEqualTo(200);
        assertThat(r.answeredBy()).isEqualTo("carrier-bb");
        assertThat(r.setupMs()).isNotNull().isNotNegative();
        assertThat(r.attempts()).extracting(TestCallResult.Attempt::target, TestCallResult.Attempt::code,
                TestCallResult.Attempt::skipped, TestCallResult.Attempt::reason).containsExactly(
                tuple("carrier-a", null, true, "down for test call"), tuple("carrier-bb", 200, false, null));
        assertThat(sip.sentMethods()).containsExactly(Request.INVITE, Request.ACK, Request.BYE);
        assertThat(records.records).singleElement().satisfies(rec -> {
            assertThat(rec.testCall()).isEqualTo("drill-1");
            assertThat(rec.callId()).isEqualTo(r.callId());
            assertThat(rec.origin()).isEqualTo("hq-cucm");
            assertThat(rec.releasedBy()).isEqualTo("EDGE");
            assertThat(rec.answeredAt()).isNotNull();
        });
        assertThat(b2bua.activeCalls()).isZero();
        assertThat(counters.count(io.trunkline.edge.cluster.ChannelKey.pbx(new PbxId("hq-cucm")))).isZero();

        // The next call, a real one's decision alike, is not down anywhere: carrier-a is tried first again.
        b2bua.testCalls().originate(drill(Set.of(), 0, 30_000), TestCalls.HQ);
        assertThat(target(sip.requests.get(3))).contains("198.51.100.9:");
    }

    @Test
    void everyRouteFailingIsFailedWithTheLastCodeAndEachAttempt() throws Exception {
        CompletableFuture<TestCallResult> result = b2bua.testCalls().originate(drill(Set.of(), 1000, 30_000),
                TestCalls.HQ);
        answer(sip.requests.get(0), 503);
        answer(sip.requests.get(1), 503);
        TestCallResult r = result.get(5, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(TestCallResult.Outcome.FAILED);
        assertThat(r.sipCode()).isEqualTo(503);
        assertThat(r.answeredBy()).isNull();
        assertThat(r.setupMs()).isNull();
        assertThat(r.attempts()).extracting(TestCallResult.Attempt::target, TestCallResult.Attempt::code)
                .containsExactly(tuple("carrier-a", 503), tuple("carrier-bb", 503));
        assertThat(records.records).singleElement().satisfies(rec -> assertThat(rec.testCall()).isEqualTo("drill-1"));
    }

    @Test
    void aRefusalIsRejectedWithItsCode() throws Exception {
        decision = new RoutingPort.Decided(new RouteDecision("c", RouteDecision.Verdict.REJECT, 404, "no such number",
                null, "+442071234567", null, List.of(), List.of(), 0, Map.of(), List.of(), TestCalls.STARTED),
                RoutingPort.Source.PLATFORM);
        TestCallResult r = b2bua.testCalls().originate(drill(Set.of(), 0, 30_000), TestCalls.HQ).get(5, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(TestCallResult.Outcome.REJECTED);
        assertThat(r.sipCode()).isEqualTo(404);
        assertThat(r.detail()).contains("no such number");
        assertThat(sip.requests).isEmpty();
    }

    @Test
    void theRequestsLimitCancelsARingingAttemptAsATimeout() throws Exception {
        CompletableFuture<TestCallResult> result = b2bua.testCalls().originate(drill(Set.of("carrier-a"), 0, 3_000),
                TestCalls.HQ);
        answer(sip.requests.get(0), 180); // ringing well before the limit, even on a loaded machine
        TestCallResult r = result.get(10, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(TestCallResult.Outcome.TIMEOUT);
        assertThat(r.sipCode()).isEqualTo(408);
        assertThat(r.attempts()).extracting(TestCallResult.Attempt::target, TestCallResult.Attempt::code,
                TestCallResult.Attempt::reason).containsExactly(tuple("carrier-a", null, "down for test call"),
                tuple("carrier-bb", null, "no answer"));
        assertThat(sip.sentMethods()).as("RFC 3261 §9.1: a ringing attempt is cancelled")
                .containsExactly(Request.INVITE, Request.CANCEL);
        assertThat(records.records).singleElement().satisfies(rec -> assertThat(rec.releaseCode()).isEqualTo(408));
        assertThat(b2bua.activeCalls()).isZero();
    }

    @Test
    void theCallerIsTheSourceWithTheCallingNumber() throws Exception {
        b2bua.testCalls().originate(drill(Set.of(), 0, 30_000), TestCalls.HQ);
        Request invite = sip.requests.get(0);
        assertThat(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString())
                .as("the carrier leg presents the decision's number, as for a real call").contains("+442079460000");
        assertThat(asked.get(0).callId()).as("a Call-ID of the node's own").startsWith("edge-");
    }
}
