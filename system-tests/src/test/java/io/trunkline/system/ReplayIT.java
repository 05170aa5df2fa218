package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.database;
import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.rules.routing.RoutingPolicyTableSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.json.JsonArray;
import javax.json.JsonObject;
import javax.json.JsonValue;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What-if replay in the real EAR on PostgreSQL: the demo's recorded week of the Chicago branch (its Asterisk CDR file,
 * dropped in the branch's inbox as {@code ./trunkline run} drops it) replayed through a routing draft that moves
 * Canada from carrier B to C: the eight Canadian calls change carrier order and nothing else does, and the cost
 * moves exactly as B's and C's decks price those calls. A call the branch's dial plan failed over from one trunk to
 * the other (two CDRs under one uniqueid) is replayed once. Refusals by field and by role. The file's records, the
 * metric windows they made and the replays are removed at the end; the draft stays stored, as every upload does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplayIT.class);
    private static final String CONTAINER = "wildfly";
    private static final String FROM = RecordedWeek.FROM;
    private static final String TO = RecordedWeek.TO;
    private static long fileId;
    private static long failoverFileId;
    /**
     * One call to London that the branch's own dial plan failed over: trunk A answered CONGESTION, trunk B answered.
     * Asterisk writes a CDR per Dial, both under the caller's uniqueid; the replay reads them as one call.
     */
    private static final String FAILOVER_FILE = "Master-2026-11-10.csv";
    private static final String FAILOVER = String.join("\n",
            "\"\",\"2001\",\"9011442071234568\",\"from-internal\",\"\"\"Alice Smith\"\" <2001>\",\"PJSIP/2001-00000040\","
                    + "\"PJSIP/trunk-a-00000041\",\"Dial\",\"PJSIP/9011442071234568@trunk-a,60\",\"2026-11-10 11:00:00\",\"\","
                    + "\"2026-11-10 11:00:02\",2,0,\"CONGESTION\",\"DOCUMENTATION\",\"1794330000.300\",\"\"",
            "\"\",\"2001\",\"9011442071234568\",\"from-internal\",\"\"\"Alice Smith\"\" <2001>\",\"PJSIP/2001-00000040\","
                    + "\"PJSIP/trunk-b-00000042\",\"Dial\",\"PJSIP/9011442071234568@trunk-b,60\",\"2026-11-10 11:00:02\","
                    + "\"2026-11-10 11:00:08\",\"2026-11-10 11:02:08\",128,120,\"ANSWERED\",\"DOCUMENTATION\",\"1794330000.300\",\"\"",
            "");
    private static int draft;
    private static final List<Long> REPLAYS = new ArrayList<>();

    @ArquillianResource
    private ContainerController controller;

    @Test
    @Order(1)
    void deploysWithTheDemoEnterpriseAndItsRecordedWeek() throws Exception {
        controller.start(CONTAINER);
        Platform.deploy();
        await(Duration.ofSeconds(90), () -> Api.get("health", null).status() == 503 || Api.get("health", null).status() == 200
                ? true : null);
        Platform.loadDemo("carriers", "pbxs", "dids");
        for (String carrier : List.of("carrier-a", "carrier-b", "carrier-c")) {
            try (var files = Files.list(Path.of("..", "demo", "ratedecks"))) {
                Path deck = files.filter(f -> f.getFileName().toString().startsWith(carrier + "_")).findFirst().orElseThrow();
                assertThat(Api.postCsv("carriers/" + carrier + "/rate-deck", "oscar", Files.readString(deck)).status())
                        .isEqualTo(200);
            }
        }
        if (!Api.get("rulebooks/routing", "ana").json().asJsonObject().getString("label").equals("routing@1")) {
            assertThat(Api.post("rulebooks/routing/versions/1/rollback", "ana", "").status()).isEqualTo(200);
        }

        fileId = RecordedWeek.load();
        JsonObject file = Api.get("ingest/files", "oscar").json().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(f -> f.getJsonNumber("id").longValue() == fileId).findFirst().orElseThrow();
        assertThat(file.getInt("stored")).isEqualTo(28);
        failoverFileId = RecordedWeek.load(FAILOVER_FILE, FAILOVER.getBytes(StandardCharsets.UTF_8));
        JsonObject failover = Api.get("ingest/files", "oscar").json().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(f -> f.getJsonNumber("id").longValue() == failoverFileId).findFirst().orElseThrow();
        assertThat(failover.getInt("stored")).as("both CDRs of the call are stored").isEqualTo(2);
    }

    @Test
    @Order(2)
    void movingCanadaFromBToCChangesTheEightCanadianCallsAndTheCostAsTheDecksSay() throws Exception {
        Api.Reply uploaded = Api.postFile("rulebooks/routing/versions", "ana", "RoutingPolicy.drl.xlsx",
                RoutingPolicyTableSource.canadaVia("carrier-c carrier-a", "PRIORITY").toXlsx(), "Canada via C");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        draft = uploaded.json().asJsonObject().getInt("version");
        String body = "{\"rulebook\":\"routing\",\"version\":" + draft + ",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}";
        assertThat(Api.post("replays", "oscar", body).status()).as("ops read replays, start none").isEqualTo(403);

        Api.Reply started = Api.post("replays", "ana", body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long id = started.json().asJsonObject().getJsonNumber("id").longValue();
        REPLAYS.add(id);
        assertThat(started.location()).endsWith("/api/v1/replays/" + id);
        assertThat(started.json().asJsonObject().getString("state")).isEqualTo("RUNNING");
        JsonObject run = await(Duration.ofSeconds(120), () -> {
            JsonObject r = Api.get("replays/" + id, "oscar").json().asJsonObject();
            return r.getString("state").equals("RUNNING") ? null : r;
        });

        LOG.info("replay {}: {}", id, run.getJsonObject("summary"));
        assertThat(run.getString("state")).as(run.toString()).isEqualTo("DONE");
        assertThat(run.getString("requestedBy")).isEqualTo("ana");
        assertThat(run.getJsonArray("against").getString(2)).isEqualTo("routing@1");
        assertThat(run.getJsonObject("progress").getInt("read")).as("the failed-over call once").isEqualTo(29);
        JsonObject summary = run.getJsonObject("summary");
        JsonObject calls = summary.getJsonObject("calls");
        assertThat(calls.getInt("read")).isEqualTo(29);
        assertThat(calls.getInt("decided")).isEqualTo(28);
        assertThat(calls.getInt("fromCdrs")).isEqualTo(28);
        assertThat(calls.getInt("inboundCdrsLeftOut")).as("the call from Toronto to extension 2001").isEqualTo(1);
        JsonObject changes = summary.getJsonObject("changes");
        assertThat(changes.getInt("total")).isEqualTo(8);
        assertThat(changes.getInt("orderChanged")).isEqualTo(8);
        assertThat(changes.getInt("newlyRefused")).isZero();
        // The six answered Canadian calls: at B (6/6 s, Toronto 0.0031, Montreal 0.0033, Vancouver 0.0062 a minute)
        // 0.078360; at C (1/1 s, 0.0120 from 07:00 to 19:00 on weekdays in Chicago, 0.0040 otherwise) 0.152667.
        assertThat(usd(summary.getJsonObject("cost").getJsonObject("delta"))).isEqualTo(new BigDecimal("0.074307"));
        Map<String, JsonObject> carriers = byKey(summary.getJsonArray("byCarrier"), "carrier");
        JsonObject b = carriers.get("carrier-b");
        JsonObject c = carriers.get("carrier-c");
        assertThat(c.getInt("callsBefore")).isZero();
        assertThat(c.getInt("callsAfter")).isEqualTo(8);
        assertThat(usd(c.getJsonObject("costAfter"))).isEqualTo(new BigDecimal("0.152667"));
        assertThat(b.getInt("callsBefore") - b.getInt("callsAfter")).isEqualTo(8);
        assertThat(usd(b.getJsonObject("costBefore")).subtract(usd(b.getJsonObject("costAfter"))))
                .isEqualTo(new BigDecimal("0.078360"));
        assertThat(usd(byKey(summary.getJsonArray("byClass"), "class").get("INTERNATIONAL").getJsonObject("delta")))
                .isEqualTo(new BigDecimal("0.074307"));
        assertThat(byKey(summary.getJsonArray("byPbx"), "pbx").get("branch-asterisk").getInt("changed")).isEqualTo(8);
        JsonArray sample = run.getJsonArray("changes");
        assertThat(sample).hasSize(8);
        JsonObject first = sample.getJsonObject(0);
        assertThat(first.getString("call")).as("the CDR's record key").isEqualTo("1794237300.201/PJSIP/trunk-b-00000002");
        assertThat(first.getString("recordedBy")).isEqualTo("branch-asterisk");
        assertThat(first.getString("number")).isEqualTo("+14165550123");
        assertThat(first.getJsonArray("orderBefore").toString()).isEqualTo("[\"carrier-b\",\"carrier-a\"]");
        assertThat(first.getJsonArray("orderAfter").toString()).isEqualTo("[\"carrier-c\",\"carrier-a\"]");
        assertThat(first.getJsonNumber("costBefore").bigDecimalValue()).isEqualTo(new BigDecimal("0.009610"));
        assertThat(first.getJsonNumber("costAfter").bigDecimalValue()).isEqualTo(new BigDecimal("0.037000"));

        JsonObject listed = Api.get("replays?rulebook=routing&version=" + draft, "carla").json().asJsonObject()
                .getJsonArray("replays").getJsonObject(0);
        assertThat(listed.getJsonNumber("id").longValue()).isEqualTo(id);
        assertThat(listed.containsKey("changes")).as("listings leave the sample out").isFalse();
        Api.Reply cancel = Api.post("replays/" + id + "/cancel", "ana", "");
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().asJsonObject().getString("message")).contains("DONE");
    }

    @Test
    @Order(3)
    void badRequestsAreRefusedNamingTheirField() throws Exception {
        assertThat(refusal("{\"rulebook\":\"routing\",\"version\":9999,\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}"))
                .isEqualTo("version");
        assertThat(refusal("{\"rulebook\":\"fraud\",\"version\":1,\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}"))
                .isEqualTo("rulebook");
        assertThat(refusal("{\"rulebook\":\"routing\",\"version\":" + draft + ",\"from\":\"" + TO + "\",\"to\":\"" + FROM
                + "\"}")).isEqualTo("from");
        assertThat(refusal("{\"rulebook\":\"routing\",\"version\":" + draft + ",\"from\":\"2026-01-01\",\"to\":\"2026-06-01\"}"))
                .isEqualTo("to");
        assertThat(refusal("{\"rulebook\":\"routing\",\"version\":" + draft + ",\"from\":\"monday\",\"to\":\"" + TO + "\"}"))
                .isEqualTo("from");
        assertThat(refusal("{\"rulebook\":\"routing\"")).isEqualTo("body");
        assertThat(Api.get("replays/987654321", "ana").status()).isEqualTo(404);
        assertThat(Api.get("replays", null).status()).isEqualTo(401);
        assertThat(Api.get("replays?version=x", "ana").json().asJsonObject().getString("field")).isEqualTo("version");
    }

    private static String refusal(String body) throws Exception {
        Api.Reply r = Api.post("replays", "ana", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().asJsonObject().getString("field");
    }

    @Test
    @Order(99)
    void removesWhatItAddedAndUndeploys() throws Exception {
        Instant from = Instant.parse(FROM + "T00:00:00Z");
        Instant to = Instant.parse(TO + "T00:00:00Z");
        RecordedWeek.forget(fileId);
        RecordedWeek.forget(failoverFileId);
        try (Connection db = database()) {
            for (long id : REPLAYS) {
                try (Statement s = db.createStatement()) {
                    s.executeUpdate("DELETE FROM replay_run WHERE id = " + id);
                }
            }
        }
        assertThat(count("SELECT count(*) FROM cdr WHERE source = 'branch-asterisk' AND started_at >= ? AND started_at < ?",
                from, to)).isZero();
        Platform.undeploy();
        controller.stop(CONTAINER);
        assertThat(controller.isStarted(CONTAINER)).isFalse();
    }

    private static long count(String sql, Instant from, Instant to) throws Exception {
        try (Connection db = database(); PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static BigDecimal usd(JsonObject amounts) {
        return amounts.getJsonNumber("USD").bigDecimalValue();
    }

    private static Map<String, JsonObject> byKey(JsonArray rows, String key) {
        Map<String, JsonObject> out = new TreeMap<>();
        rows.forEach(v -> out.put(v.asJsonObject().getString(key), v.asJsonObject()));
        return out;
    }
}
