package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.edge.cluster.ChannelKey;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.testing.InMemoryCallCounters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private final InMemoryCallCounters counters = new InMemoryCallCounters();
    private final TestCalls.Records records = new TestCalls.Records();
    private final Admission admission = new Admission(
            (ip, port) -> "10.0.1.10".equals(ip) ? TestCalls.HQ : "203.0.113.5".equals(ip) ? TestCalls.CARRIER_A : null,
            counters, Map.of(new PbxId("hq-cucm"), 2), records);

    @Test
    void configuredSourcesAreKnownAndOthersRefusedAsSecurityEvents() {
        assertThat(admission.source("10.0.1.10", 5070, "c1")).isEqualTo(TestCalls.HQ);
        assertThat(admission.source("203.0.113.5", 5060, "c2")).isEqualTo(TestCalls.CARRIER_A);
        assertThat(records.rejected).isEmpty();

        assertThat(admission.source("198.51.100.7", 5060, "c3")).isNull();
        assertThat(records.rejected).containsExactly("198.51.100.7:5060 INVITE 403 not a configured PBX or carrier");
    }

    @Test
    void aPbxOverItsChannelLimitIsRefusedUntilACallEnds() {
        Call first = TestCalls.call(TestCalls.HQ);
        Call second = TestCalls.call(TestCalls.HQ);
        Call third = TestCalls.call(TestCalls.HQ);
        assertThat(admission.holdPbxChannel(first)).isTrue();
        assertThat(admission.holdPbxChannel(second)).isTrue();
        assertThat(admission.holdPbxChannel(third)).as("the PBX's limit is 2").isFalse();
        assertThat(counters.count(ChannelKey.pbx(new PbxId("hq-cucm")))).isEqualTo(2);

        admission.releaseAll(first);
        assertThat(admission.holdPbxChannel(third)).isTrue();
        assertThat(first.heldPbx).as("released once only").isNull();
    }

    @Test
    void aCarriersCallsAreNotCountedAsAPbxs() {
        Call inbound = TestCalls.call(TestCalls.CARRIER_A);
        assertThat(admission.holdPbxChannel(inbound)).isTrue();
        assertThat(inbound.heldPbx).isNull();
    }

    @Test
    void anAttemptHoldsOneTrunkChannelAndGivesItBack() {
        ChannelKey trunk = ChannelKey.carrier(new CarrierId("carrier-b"));
        Call call = TestCalls.call(TestCalls.HQ);
        Call other = TestCalls.call(TestCalls.HQ);
        assertThat(admission.holdPbxChannel(call)).isTrue();
        assertThat(admission.holdTrunkChannel(call, trunk, 1)).isTrue();
        assertThat(admission.holdTrunkChannel(other, trunk, 1)).as("one channel on the trunk").isFalse();

        admission.releaseTrunkChannel(call);
        assertThat(counters.count(trunk)).isZero();
        assertThat(counters.count(ChannelKey.pbx(new PbxId("hq-cucm")))).as("the PBX channel stays").isEqualTo(1);
        admission.releaseAll(call);
        assertThat(counters.count(ChannelKey.pbx(new PbxId("hq-cucm")))).isZero();
    }
}
