package io.trunkline.web.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trunkline.ejb.replay.api.ReplayConflict;
import io.trunkline.ejb.replay.api.ReplayNotFound;
import io.trunkline.ejb.replay.api.ReplayRefused;
import io.trunkline.ejb.replay.api.ReplayRequest;
import io.trunkline.ejb.replay.api.ReplayRun;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.time.Instant;
import java.util.List;
import javax.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The replay API's body, its refusals by field, and a replay as it answers it (the stored summary embedded as JSON). */
class ReplayResourceTest {

    @Test
    void aRequestReadsItsFourFieldsDatesAsTheirStartInUtc() {
        ReplayRequest r = ReplayResource.request(
                "{\"rulebook\":\"routing\",\"version\":2,\"from\":\"2026-11-09\",\"to\":\"2026-11-14T12:00:00Z\"}");
        assertThat(r).isEqualTo(new ReplayRequest("routing", 2, Instant.parse("2026-11-09T00:00:00Z"),
                Instant.parse("2026-11-14T12:00:00Z")));
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"version\":2,\"from\":\"2026-11-09\",\"to\":\"2026-11-10\"}|rulebook",
            "{\"rulebook\":\"routing\",\"version\":\"2\",\"from\":\"2026-11-09\",\"to\":\"2026-11-10\"}|version",
            "{\"rulebook\":\"routing\",\"version\":0,\"from\":\"2026-11-09\",\"to\":\"2026-11-10\"}|version",
            "{\"rulebook\":\"routing\",\"version\":2,\"from\":\"last monday\",\"to\":\"2026-11-10\"}|from",
            "{\"rulebook\":\"routing\",\"version\":2,\"from\":\"2026-11-09\"}|to",
            "{\"rulebook\":\"routing\",|body",
            "[1,2]|body",
    })
    void aBadBodyIsRefusedNamingItsField(String body, String field) {
        ApiException e = catchThrowableOfType(() -> ReplayResource.request(body), ApiException.class);
        assertThat(e.status().getStatusCode()).isEqualTo(400);
        assertThat(e.field()).isEqualTo(field);
    }

    @Test
    void theEjbTiersRefusalsBecome400With409And404() {
        ApiException refused = catchThrowableOfType(() -> ReplayResource.answer(() -> {
            throw new ReplayRefused("version", "routing has no version 9 stored (it has [1, 2])");
        }), ApiException.class);
        assertThat(refused.status().getStatusCode()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("version");
        assertThat(refused.getMessage()).isEqualTo("version: routing has no version 9 stored (it has [1, 2])");
        ApiException conflict = catchThrowableOfType(() -> ReplayResource.answer(() -> {
            throw new ReplayConflict(7, "replay 7 of routing@2 is running; cancel it or wait for it");
        }), ApiException.class);
        assertThat(conflict.status().getStatusCode()).isEqualTo(409);
        assertThat(conflict.error()).isEqualTo("conflict");
        ApiException missing = catchThrowableOfType(() -> ReplayResource.answer(() -> {
            throw new ReplayNotFound(8);
        }), ApiException.class);
        assertThat(missing.status().getStatusCode()).isEqualTo(404);
    }

    @Test
    void aReplayShowsItsProgressAndItsStoredSummaryAsJson() {
        ReplayRun run = new ReplayRun(3, "routing", 2, Instant.parse("2026-11-09T00:00:00Z"),
                Instant.parse("2026-11-16T00:00:00Z"), "ana", Instant.parse("2026-11-20T12:00:00Z"),
                List.of("dialplan@1", "classification@1", "routing@1", "attestation@1"), ReplayRun.State.DONE, null, 48, 48,
                48L, Instant.parse("2026-11-20T12:00:01Z"), null,
                "{\"cost\":{\"delta\":{\"USD\":0.034017}}}", "[]");
        JsonObject view = JsonBodies.value(ReplayResource.view(run)).asJsonObject();
        assertThat(view.getString("label")).isEqualTo("routing@2");
        assertThat(view.getString("state")).isEqualTo("DONE");
        assertThat(view.getJsonObject("progress").getInt("total")).isEqualTo(48);
        assertThat(view.getJsonObject("summary").getJsonObject("cost").getJsonObject("delta").getJsonNumber("USD")
                .bigDecimalValue()).isEqualByComparingTo("0.034017");
        assertThat(view.isNull("reason")).isTrue();
        ReplayRun running = new ReplayRun(4, "routing", 2, run.from(), run.to(), "ana", run.requestedAt(), run.against(),
                ReplayRun.State.RUNNING, null, 10, 5, null, null, null, null, null);
        JsonObject pending = JsonBodies.value(ReplayResource.view(running)).asJsonObject();
        assertThat(pending.isNull("summary")).isTrue();
        assertThat(pending.getJsonObject("progress").isNull("total")).isTrue();
    }
}
