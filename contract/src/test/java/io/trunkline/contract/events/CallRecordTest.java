package io.trunkline.contract.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.telecom.Attestation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRecordTest {

    @Test
    void roundTripsThroughJsonAndKnowsItsDuration() {
        CallRecord r = new CallRecord("1-77@10.0.1.10", "edge-1", "hq-cucm", "2001", "9011442071234567", "+12125552001",
                "+442071234567", "INTERNATIONAL", "PLATFORM",
                List.of(new CallRecord.Attempt("carrier-a", "sip:+44@a", 503, null, 12L),
                        new CallRecord.Attempt("carrier-b", "sip:+44@b", 200, 180L, 900L)),
                Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T15:00:01.100Z"),
                Instant.parse("2026-12-01T15:01:01.100Z"), 200, "PBX", "OUTBOUND", "hq-cucm");
        assertThat(CallRecord.fromJson(r.toJson())).isEqualTo(r);
        assertThat(r.durationMs()).isEqualTo(60_000);
        assertThat(r.carrier()).as("the answering route").isEqualTo("carrier-b");
        CallRecord refused = new CallRecord("x", "edge-1", null, null, "9", null, null, null, "PLATFORM", List.of(),
                Instant.EPOCH, null, Instant.EPOCH, 403, "EDGE", "OUTBOUND", "hq-cucm");
        assertThat(CallRecord.fromJson(refused.toJson())).isEqualTo(refused);
        assertThat(refused.durationMs()).isZero();
        assertThat(refused.carrier()).isNull();
        assertThatThrownBy(() -> CallRecord.fromJson("{\"node\":\"x\"}")).hasMessageContaining("callId and releaseCode");
    }

    @Test
    void stirShakenRoundTrips() {
        CallRecord out = new CallRecord("2-77@10.0.1.10", "edge-1", "hq-cucm", "2001", "93125550199", "+12125552001",
                "+13125550199", "DOMESTIC", "PLATFORM",
                List.of(new CallRecord.Attempt("carrier-a", "sip:a", 503, null, 12L, "A", "A"),
                        new CallRecord.Attempt("carrier-b", "sip:b", 200, 180L, 900L, "B", "B")),
                Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T15:00:01Z"),
                Instant.parse("2026-12-01T15:00:31Z"), 200, "PBX", "OUTBOUND", "hq-cucm");
        assertThat(CallRecord.fromJson(out.toJson())).isEqualTo(out);
        assertThat(out.carried().signed()).as("the answering attempt's").isEqualTo("B");
        CallRecord in = new CallRecord("3-77@carrier", "edge-2", "branch", "+12125552001", "13125550199",
                "+12125552001", "+13125550199", "INBOUND", "PLATFORM", List.of(), Instant.EPOCH, null, Instant.EPOCH,
                438, "EDGE", "INBOUND", "carrier-b",
                new IdentityCheck(IdentityCheck.FAILED, "INVALID", "the signature does not verify", Attestation.A));
        CallRecord read = CallRecord.fromJson(in.toJson());
        assertThat(read).isEqualTo(in);
        assertThat(read.identity().outcome()).isEqualTo("FAILED");
        assertThat(read.identity().refusalCode()).isEqualTo(438);
        assertThat(new IdentityCheck(IdentityCheck.NOT_VALIDATED, null, "no Identity header", null).refusalCode())
                .as("a missing identity").isEqualTo(428);
    }

    @Test
    void aTestCallsRecordCarriesItsRequestAndARealCallsSaysNothing() {
        CallRecord real = new CallRecord("4-77@edge", "edge-1", "hq-cucm", "+14165550123", "+12125552001",
                "+14165550123", "+12125552001", "INBOUND", "PLATFORM", List.of(new CallRecord.Attempt("hq-cucm",
                "sip:2001@10.0.1.10", 200, 80L, 120L)), Instant.EPOCH, Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                200, "EDGE", "INBOUND", "carrier-a");
        assertThat(real.testCall()).isNull();
        assertThat(real.toJson()).as("omitted for a real call").doesNotContain("testCall");
        assertThat(CallRecord.fromJson(real.toJson()).testCall()).as("accepted when absent").isNull();

        CallRecord test = real.withTestCall("drill-7:port-3");
        assertThat(test.toJson()).contains("\"testCall\":\"drill-7:port-3\"");
        CallRecord read = CallRecord.fromJson(test.toJson());
        assertThat(read).isEqualTo(test);
        assertThat(read.testCall()).isEqualTo("drill-7:port-3");
        assertThat(read.withTestCall(null)).isEqualTo(real);
    }

    @Test
    void relayedMediaRoundTripsPerSideAndARecordWithoutItHasNone() {
        CallRecord plain = new CallRecord("5-77@10.0.1.10", "edge-1", "hq-cucm", "2001", "9011442071234567",
                "+12125552001", "+442071234567", "INTERNATIONAL", "PLATFORM",
                List.of(new CallRecord.Attempt("carrier-b", "sip:+44@b", 200, 180L, 900L)),
                Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T15:00:01Z"),
                Instant.parse("2026-12-01T15:00:31Z"), 200, "PBX", "OUTBOUND", "hq-cucm");
        assertThat(plain.media()).isEmpty();
        assertThat(plain.toJson()).doesNotContain("media");
        CallRecord relayed = plain.withMedia(List.of(
                new CallRecord.MediaLeg("PBX", 1500, 258_000, 150L, 10.0, 2.5, 0.4, 3.6),
                new CallRecord.MediaLeg("CARRIER", 1499, 257_828, null, null, null, null, null)));
        CallRecord read = CallRecord.fromJson(relayed.toJson());
        assertThat(read).isEqualTo(relayed);
        assertThat(read.mediaOf("PBX").orElseThrow().mos()).isEqualTo(3.6);
        assertThat(read.mediaOf("CARRIER").orElseThrow().lost()).as("no RTCP report came").isNull();
        assertThat(read.withTestCall("t-1").media()).as("kept by withTestCall").hasSize(2);
        assertThatThrownBy(() -> CallRecord.fromJson(relayed.toJson().replace("\"side\":\"PBX\",", "")))
                .hasMessageContaining("media entry needs its side");
    }
}
