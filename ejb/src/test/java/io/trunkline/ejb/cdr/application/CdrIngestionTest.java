package io.trunkline.ejb.cdr.application;

import io.trunkline.contract.telecom.PbxId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.camel.cdr.CdrPort;
import io.trunkline.camel.cdr.CdrRecord;
import io.trunkline.camel.cdr.CdrSource;
import io.trunkline.ejb.billing.domain.InMemoryIngestStore;
import io.trunkline.ejb.cdr.domain.InMemoryCdrStore;
import io.trunkline.ejb.cdr.domain.NormalizedRecord;
import io.trunkline.ejb.dialplan.api.DialPlan;
import io.trunkline.ejb.metrics.application.MetricMarking;
import io.trunkline.ejb.metrics.domain.InMemoryMetricStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.ejb.EJBException;
import org.junit.jupiter.api.Test;

/** The CDR port over in-memory stores: what a file's chunks store, count, quarantine and mark. */
class CdrIngestionTest {

    private static final CdrSource HQ = new CdrSource("hq-cdr", "cucm", null, "hq-cucm", null, ZoneOffset.UTC, "US",
            StandardCharsets.UTF_8, null, null);
    private static final CdrSource CARRIER_B = new CdrSource("carrier-b-cdr", "carrier-csv", null, null, "carrier-b",
            ZoneOffset.UTC, "GB", StandardCharsets.UTF_8, null, null);
    private static final Instant T = Instant.parse("2026-03-02T10:02:00Z");

    private final InMemoryIngestStore files = new InMemoryIngestStore();
    private final InMemoryCdrStore cdrs = new InMemoryCdrStore(files);
    private final InMemoryMetricStore metrics = new InMemoryMetricStore();
    private final CdrIngestion ingestion = new CdrIngestion(cdrs, files, new FourDigitDialPlan(),
            new MetricMarking(metrics));

    @Test
    void aFileIsStoredChunkByChunkWithItsNumbersInE164AndItsBadLineQuarantined() {
        CdrPort.Opened opened = ingestion.open(HQ, "cdr_01.csv", "sha-1", 3);
        assertThat(opened.duplicate()).isFalse();
        assertThat(opened.linesDone()).isZero();

        ingestion.take(HQ, opened.fileId(), chunk(List.of(call("r1", "2001", "912125550123"), call("r2", "2002", "2003")),
                List.of(new RejectedLine(4, "garbage", "start: not a time")), 4));
        CdrPort.Outcome outcome = ingestion.finish(opened.fileId());

        assertThat(outcome.status()).isEqualTo("STORED");
        assertThat(outcome.read()).isEqualTo(3);
        assertThat(outcome.stored()).isEqualTo(2);
        assertThat(outcome.quarantined()).isEqualTo(1);
        assertThat(outcome.duplicates()).isZero();
        NormalizedRecord external = cdrs.record("hq-cdr", "r1").orElseThrow();
        assertThat(external.pbx()).isEqualTo("hq-cucm");
        assertThat(external.callingE164()).as("an extension is no E.164 number").isNull();
        assertThat(external.calledE164()).isEqualTo("+12125550123");
        assertThat(external.callClass()).isEqualTo("NATIONAL");
        assertThat(cdrs.record("hq-cdr", "r2").orElseThrow().callClass()).isEqualTo("INTERNAL");
        assertThat(files.quarantined(opened.fileId())).singleElement()
                .satisfies(q -> {
                    assertThat(q.lineNumber()).isEqualTo(4);
                    assertThat(q.reason()).isEqualTo("start: not a time");
                });
    }

    @Test
    void theSameContentAgainIsRecordedAsADuplicateAndNothingMoreIsTaken() {
        CdrPort.Opened first = ingestion.open(HQ, "cdr_01.csv", "sha-1", 1);
        ingestion.take(HQ, first.fileId(), chunk(List.of(call("r1", "2001", "2002")), List.of(), 2));
        ingestion.finish(first.fileId());

        CdrPort.Opened again = ingestion.open(HQ, "cdr_01_copy.csv", "sha-1", 1);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.fileId()).isNotEqualTo(first.fileId());
        assertThat(files.find(again.fileId()).orElseThrow()).satisfies(f -> {
            assertThat(f.status()).isEqualTo("DUPLICATE");
            assertThat(f.duplicates()).isEqualTo(1);
            assertThat(f.reason()).isEqualTo("same content as file " + first.fileId());
        });
        assertThat(cdrs.size()).isEqualTo(1);
    }

    @Test
    void anInterruptedFileIsResumedAfterTheLastLineItsChunksCovered() {
        CdrPort.Opened first = ingestion.open(HQ, "cdr_02.csv", "sha-2", 10);
        ingestion.take(HQ, first.fileId(), chunk(List.of(call("r1", "2001", "2002")), List.of(), 5));
        // the server stops here: the file was never finished

        CdrPort.Opened resumed = ingestion.open(HQ, "cdr_02.csv", "sha-2", 10);

        assertThat(resumed.duplicate()).isFalse();
        assertThat(resumed.fileId()).isEqualTo(first.fileId());
        assertThat(resumed.linesDone()).isEqualTo(5);
    }

    @Test
    void recordsStoredBeforeCountAsDuplicatesOfTheLaterFile() {
        CdrPort.Opened first = ingestion.open(HQ, "cdr_01.csv", "sha-1", 1);
        ingestion.take(HQ, first.fileId(), chunk(List.of(call("r1", "2001", "2002")), List.of(), 2));
        ingestion.finish(first.fileId());

        CdrPort.Opened overlapping = ingestion.open(HQ, "cdr_01_and_02.csv", "sha-12", 2);
        ingestion.take(HQ, overlapping.fileId(), chunk(List.of(call("r1", "2001", "2002"), call("r2", "2001", "2003")),
                List.of(), 3));
        CdrPort.Outcome outcome = ingestion.finish(overlapping.fileId());

        assertThat(outcome.stored()).isEqualTo(1);
        assertThat(outcome.duplicates()).isEqualTo(1);
        assertThat(outcome.read()).isEqualTo(outcome.stored() + outcome.quarantined() + outcome.duplicates());
    }

    @Test
    void storedCallsMarkEveryFiveMinuteWindowTheyWereUpIn() {
        CdrPort.Opened opened = ingestion.open(HQ, "cdr_03.csv", "sha-3", 1);
        CdrRecord tenMinutes = new CdrRecord("hq-cdr", "r9", "2001", "2002", T, T.plusSeconds(5), T.plusSeconds(600),
                600_000, 595_000, "ANSWERED", 200, 16, null, null, null, null, "c9");

        ingestion.take(HQ, opened.fileId(), chunk(List.of(tenMinutes), List.of(), 2));

        assertThat(metrics.marked()).containsExactly(Instant.parse("2026-03-02T10:00:00Z"),
                Instant.parse("2026-03-02T10:05:00Z"), Instant.parse("2026-03-02T10:10:00Z"));
    }

    @Test
    void aCarriersNumbersAreReadInItsCountrysNumberingPlan() {
        CdrPort.Opened opened = ingestion.open(CARRIER_B, "b_01.csv", "sha-b", 1);

        ingestion.take(CARRIER_B, opened.fileId(), chunk(List.of(call("carrier-b-cdr", "b1", "02071234567", "+12125550123")), List.of(), 2));

        NormalizedRecord r = cdrs.record("carrier-b-cdr", "b1").orElseThrow();
        assertThat(r.carrier()).isEqualTo("carrier-b");
        assertThat(r.pbx()).isNull();
        assertThat(r.callingE164()).isEqualTo("+442071234567");
        assertThat(r.calledE164()).isEqualTo("+12125550123");
    }

    @Test
    void aDialPlanResultLongerThanE164AllowsIsNotKeptAsANumber() {
        CdrPort.Opened opened = ingestion.open(HQ, "cdr_04.csv", "sha-4", 1);

        ingestion.take(HQ, opened.fileId(), chunk(List.of(call("r1", "2001", "91234567890123456")), List.of(), 2));

        assertThat(cdrs.record("hq-cdr", "r1").orElseThrow().calledE164()).isNull();
    }

    @Test
    void aFileThatCannotBeReadIsRecordedAsRefusedWithItsReason() {
        CdrPort.Outcome outcome = ingestion.refuse(HQ, "cdr_05.csv", "not UTF-8");

        assertThat(outcome.status()).isEqualTo("REFUSED");
        assertThat(outcome.reason()).isEqualTo("not UTF-8");
        assertThat(outcome.stored()).isZero();
    }

    @Test
    void aChunkOfAFileNoLongerBeingReceivedIsRefused() {
        CdrPort.Opened opened = ingestion.open(HQ, "cdr_06.csv", "sha-6", 1);
        ingestion.finish(opened.fileId());

        assertThatThrownBy(() -> ingestion.take(HQ, opened.fileId(), chunk(List.of(call("r1", "2001", "2002")), List.of(), 2)))
                .isInstanceOf(EJBException.class)
                .hasMessageContaining("file " + opened.fileId() + " is not being received");
    }

    private static CdrRecord call(String key, String calling, String called) {
        return call("hq-cdr", key, calling, called);
    }

    private static CdrRecord call(String source, String key, String calling, String called) {
        return new CdrRecord(source, key, calling, called, T, T.plusSeconds(3), T.plusSeconds(63), 63_000, 60_000,
                "ANSWERED", 200, 16, null, null, null, null, "call-" + key);
    }

    private static CdrPort.Chunk chunk(List<CdrRecord> records, List<RejectedLine> rejected, int lastLine) {
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            lines.add(i + 2);
        }
        return new CdrPort.Chunk(records, lines, List.of(), List.of(), rejected, records.size() + rejected.size(), lastLine);
    }

    /** A PBX dial plan of four-digit extensions, 9 for an outside line in the NANP. */
    private static final class FourDigitDialPlan implements DialPlan {

        @Override
        public Normalized normalize(PbxId pbx, String dialed) {
            if (dialed.length() == 4) {
                return new Normalized(pbx, dialed, dialed, "INTERNAL", null, List.of(), "test");
            }
            if (dialed.startsWith("9")) {
                return new Normalized(pbx, dialed, "+1" + dialed.substring(1).replaceFirst("^1", ""), "NATIONAL", null,
                        List.of(), "test");
            }
            return new Normalized(pbx, dialed, null, null, "not in the dial plan", List.of(), "test");
        }

        @Override
        public Map<String, Normalized> normalizeAll(PbxId pbx, Collection<String> dialed) {
            Map<String, Normalized> out = new HashMap<>();
            dialed.forEach(d -> out.put(d, normalize(pbx, d)));
            return out;
        }
    }
}
