package io.trunkline.ejb.calls.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.calls.api.CallCursor;
import io.trunkline.ejb.calls.api.CallOutcome;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.ejb.calls.api.SearchNumber;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallSearchSqlTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    private static final CallCursor CURSOR = new CallCursor(Instant.parse("2026-11-20T00:00:00Z"), "x@pbx");

    @Test
    void plainFiltersAreOneIndexedScanNewestFirst() {
        CallRecords.Query q = new CallRecords.Query(FROM, TO, new PbxId("hq-cucm"), null, null,
                CallOutcome.of(CallOutcome.Kind.REFUSED), 100, CURSOR);
        CallSearchSql.Statement page = CallSearchSql.page(q, 101, true);
        assertThat(page.sql()).doesNotContain("UNION")
                .contains("r.pbx_id = ?")
                .contains("r.attempts = 0")
                .contains("r.started_at <= ? AND (r.started_at < ? OR r.call_id < ?)")
                .endsWith("ORDER BY r.started_at DESC, r.call_id DESC LIMIT ?");
        assertThat(page.args()).containsExactly(FROM, TO, "hq-cucm", CURSOR.startedAt(), CURSOR.startedAt(),
                CURSOR.callId(), 101);
        CallSearchSql.Statement count = CallSearchSql.count(q, 10_001, true);
        assertThat(count.sql()).as("the total ignores the cursor").doesNotContain("r.call_id < ?")
                .as("and reads the page's index newest first").contains("ORDER BY r.started_at DESC LIMIT ?");
        assertThat(count.args()).containsExactly(FROM, TO, "hq-cucm", 10_002);
    }

    @Test
    void aNumberBranchesPerColumnAndForm() {
        CallRecords.Query q = new CallRecords.Query(FROM, TO, null, new CarrierId("carrier-b"),
                SearchNumber.parse("+442071234567"), CallOutcome.code(503), 50);
        CallSearchSql.Statement page = CallSearchSql.page(q, 51, true);
        assertThat(page.sql().split(" UNION ")).hasSize(4 * 2);
        for (String column : CallSearchSql.NUMBER_COLUMNS) {
            assertThat(page.sql()).contains("r." + column + " = ?");
        }
        assertThat(page.sql()).as("the carrier is a plain filter of every branch")
                .contains("(r.origin = ? OR r.carrier_id = ? OR (r.attempts > 1 AND EXISTS");
        assertThat(page.args()).contains("442071234567", "+442071234567", 503).endsWith(51);
    }

    @Test
    void aCarrierAloneIsReadFromItsAttemptsOnPostgreSqlAndProbedPerCallOtherwise() {
        CallRecords.Query alone = new CallRecords.Query(FROM, TO, null, new CarrierId("carrier-c"), null, null, 100,
                CURSOR);
        String pg = CallSearchSql.page(alone, 101, true).sql();
        assertThat(pg.split(" UNION ")).hasSize(2);
        assertThat(pg).contains("FROM call_attempt a CROSS JOIN LATERAL")
                .contains("a.started_at <= ? AND (a.started_at < ? OR a.call_id < ?)")
                .contains("ORDER BY a.started_at DESC, a.call_id DESC LIMIT ?");
        assertThat(CallSearchSql.page(alone, 101, true).args()).containsExactly(
                FROM, TO, CURSOR.startedAt(), CURSOR.startedAt(), CURSOR.callId(), "carrier-c", 101,
                "carrier-c", FROM, TO, CURSOR.startedAt(), CURSOR.startedAt(), CURSOR.callId(), 101, 101);
        assertThat(CallSearchSql.page(alone, 101, false).sql()).as("H2").doesNotContain("LATERAL")
                .contains("a.target = ? OFFSET 0)");
        CallRecords.Query withPbx = new CallRecords.Query(FROM, TO, new PbxId("hq-cucm"), new CarrierId("carrier-c"),
                null, null, 100);
        assertThat(CallSearchSql.count(withPbx, 10_001, true).sql()).doesNotContain("LATERAL").contains("OFFSET 0");
    }

    @Test
    void aCarrierWithAnOutcomeOrPbxIsOneFilterOnItsOwnColumnsAndProbesOnlyFailedOverCalls() {
        CallRecords.Query q = new CallRecords.Query(FROM, TO, new PbxId("hq-cucm"), new CarrierId("carrier-b"), null,
                CallOutcome.of(CallOutcome.Kind.FAILED), 50);
        CallSearchSql.Statement count = CallSearchSql.count(q, 1_000, true);
        assertThat(count.sql()).doesNotContain("UNION").doesNotContain("LATERAL")
                .contains("(r.origin = ? OR r.carrier_id = ? OR (r.attempts > 1 AND EXISTS (SELECT 1 FROM call_attempt a")
                .contains("r.release_code NOT IN (486, 600, 408, 480, 487)")
                .endsWith("ORDER BY r.started_at DESC LIMIT ?) c");
        assertThat(count.args()).containsExactly(FROM, TO, "hq-cucm", "carrier-b", "carrier-b", "carrier-b", 1_001);
        CallRecords.Query noPbx = new CallRecords.Query(FROM, TO, null, new CarrierId("carrier-b"), null,
                CallOutcome.of(CallOutcome.Kind.BUSY), 50, CURSOR);
        CallSearchSql.Statement page = CallSearchSql.page(noPbx, 51, true);
        assertThat(page.sql()).doesNotContain("UNION").contains("r.release_code IN (486, 600) AND r.attempts > 0");
        assertThat(page.args()).containsExactly(FROM, TO, "carrier-b", "carrier-b", "carrier-b", CURSOR.startedAt(),
                CURSOR.startedAt(), CURSOR.callId(), 51);
    }
}
