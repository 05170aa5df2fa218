package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.edge.cluster.ChannelKey;
import io.trunkline.edge.cluster.TrunkHealth;
import io.trunkline.edge.cluster.TrunkHealthStore;
import io.trunkline.edge.config.CarrierProfile;
import io.trunkline.edge.testing.InMemoryCallCounters;
import io.trunkline.edge.transport.SipFactories;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class FailoverSequencerTest {

    private final Map<String, TrunkHealth> trunks = new ConcurrentHashMap<>();
    private final TrunkHealthStore health = new TrunkHealthStore() {
        @Override
        public Optional<TrunkHealth> get(String trunk) {
            return Optional.ofNullable(trunks.get(trunk));
        }

        @Override
        public void put(TrunkHealth h) {
            trunks.put(h.trunk(), h);
        }

        @Override
        public Map<String, TrunkHealth> all() {
            return Map.copyOf(trunks);
        }
    };
    private final InMemoryCallCounters counters = new InMemoryCallCounters();
    private final Admission admission = new Admission((ip, port) -> null, counters, Map.of(), new TestCalls.Records());
    private final CarrierDialect dialect = new CarrierDialect(SipFactories.reference(), Map.of(
            new CarrierId("carrier-full"), new CarrierProfile("E164", Set.of(), Map.of(), "rfc4733", 1, null)));
    private final FailoverSequencer sequencer = new FailoverSequencer(health, admission, dialect);

    private static final Route DOWN = TestCalls.carrier("carrier-down", "+442071234567");
    private static final Route FULL = TestCalls.carrier("carrier-full", "+442071234567");
    private static final Route FREE = TestCalls.carrier("carrier-free", "+442071234567");
    private static final Route LAST = TestCalls.carrier("carrier-last", "+442071234567");

    @Test
    void aDownTrunkAndAFullOneAreSkippedAndRecordedWithoutACode() {
        health.put(new TrunkHealth("carrier-down", false, 0, 3, 0, Instant.EPOCH, "edge-1"));
        assertThat(counters.tryAcquire(ChannelKey.carrier(new CarrierId("carrier-full")), 1)).isTrue();
        Call call = TestCalls.call(TestCalls.HQ);
        call.decided = TestCalls.decided(DOWN, FULL, FREE, LAST);

        assertThat(sequencer.next(call)).contains(FREE);
        assertThat(call.attempt).isEqualTo(2);
        assertThat(call.attempts).extracting(CallRecord.Attempt::target, CallRecord.Attempt::sipCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("carrier-down", null),
                        org.assertj.core.groups.Tuple.tuple("carrier-full", null));
        assertThat(call.heldCarrier).isEqualTo(ChannelKey.carrier(new CarrierId("carrier-free")));
        assertThat(counters.count(call.heldCarrier)).isEqualTo(1);
    }

    @Test
    void theNextRouteGivesBackThePreviousRoutesChannelAndNoneLeftIsEmpty() {
        Call call = TestCalls.call(TestCalls.HQ);
        call.decided = TestCalls.decided(FREE, LAST);
        assertThat(sequencer.next(call)).contains(FREE);
        call.attemptEnded(503);

        assertThat(sequencer.next(call)).contains(LAST);
        assertThat(counters.count(ChannelKey.carrier(new CarrierId("carrier-free")))).isZero();
        assertThat(counters.count(ChannelKey.carrier(new CarrierId("carrier-last")))).isEqualTo(1);

        assertThat(sequencer.next(call)).isEmpty();
        assertThat(call.attempts).extracting(CallRecord.Attempt::sipCode).containsExactly(503);
    }

    @Test
    void failoverCodesAndTheAttemptTimeoutComeFromTheDecision() {
        Call call = TestCalls.call(TestCalls.HQ);
        call.decided = TestCalls.decided(FREE);
        assertThat(FailoverSequencer.failsOver(call, 503)).isTrue();
        assertThat(FailoverSequencer.failsOver(call, 486)).as("busy is relayed, not failed over").isFalse();
        assertThat(FailoverSequencer.attemptTimeoutMs(call)).isEqualTo(1500);
    }

    @Test
    void aTestCallsDownTargetsAreSkippedForItAloneWithTheirReason() {
        Call test = TestCalls.call(TestCalls.HQ);
        test.test = new TestCall(new io.trunkline.contract.testcall.TestCallRequest("drill-1",
                io.trunkline.contract.routing.RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001", "9011442071234567",
                Set.of("carrier-free")), null);
        test.decided = TestCalls.decided(FREE, LAST);
        assertThat(sequencer.next(test)).contains(LAST);
        assertThat(test.attempts).extracting(CallRecord.Attempt::target, CallRecord.Attempt::sipCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("carrier-free", null));
        assertThat(test.skippedAttempts.get(0)).isTrue();
        assertThat(test.attemptNotes).containsExactly("down for test call");
        assertThat(counters.count(ChannelKey.carrier(new CarrierId("carrier-free")))).as("no channel taken").isZero();

        Call real = TestCalls.call(TestCalls.HQ);
        real.decided = TestCalls.decided(FREE, LAST);
        assertThat(sequencer.next(real)).as("real calls are untouched").contains(FREE);
        assertThat(real.attempts).isEmpty();
    }
}
