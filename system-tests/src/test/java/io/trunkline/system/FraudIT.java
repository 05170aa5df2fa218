package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.subsystem;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import io.trunkline.rules.fraud.FraudPolicyTableSource;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.json.JsonObject;
import javax.json.JsonString;
import javax.json.JsonValue;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Toll-fraud rows in the real EAR with two real edge nodes and SIPp: a premium burst from one extension alternating
 * between the nodes refused cluster-wide from the call that reaches the row's level, its alert mailed once, the
 * counter reset through the API; counters held by the edge cluster when a node is killed; international calls
 * outside a PBX's allowed hours; a PBX blocked for its spend and unblocked after the row's duration; bad tables and
 * bad parameters refused. Edge nodes on SIP 17380/17381 (cluster 15711/15712), PBXs on 17390-17392, carrier B on
 * 17362.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FraudIT {

    private static final String CONTAINER = "wildfly";
    private static final Path DIR = Path.of("target", "fraud");
    private static final String PREMIUM_UK = "9011449098790000";
    private static final String LONDON = "9011442071234567";
    private static final List<EdgeProcess> EDGES = new ArrayList<>();
    private static GreenMail smtp;
    private static Process carrierB;

    @ArquillianResource
    private ContainerController controller;

    @BeforeAll
    static void mailServer() {
        smtp = new GreenMail(new ServerSetup(13025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        for (EdgeProcess e : EDGES) {
            e.close();
        }
        if (carrierB != null) {
            carrierB.destroy();
        }
        smtp.stop();
    }

    /** The analysts' fraud table of this test: the shipped rows' shape with levels a test can reach. */
    static DecisionTableWorkbook fraudTable(String londonHours) {
        return FraudPolicyTableSource.layout()
                .row("*", "EMERGENCY INTERNAL", "", "", "", "", "", "", "", "", "ALLOW")
                .row("london-teams", "INTERNATIONAL", "", londonHours, "", "", "", "", "", "", "BLOCK")
                .row("hq-cucm", "PREMIUM", "+4490", "", "EXTENSION", "CALLS_PER_MINUTE", "", "", "6", "", "BLOCK")
                .row("branch-asterisk", "", "", "", "PBX", "SPEND_PER_HOUR", "", "", "0.001", "8s", "BLOCK_SOURCE");
    }

    @Test
    @Order(1)
    void deploysWithTwoEdgeNodesAndTheTestsTablesActive() throws Exception {
        Files.createDirectories(DIR);
        controller.start(CONTAINER);
        Platform.deploy();
        await(Duration.ofSeconds(90), () -> Api.get("health", null).status() == 503 || Api.get("health", null).status() == 200
                ? true : null);
        for (String kind : new String[]{"carriers", "pbxs"}) {
            try (var files = Files.list(Path.of("..", "demo").resolve(kind))) {
                for (Path f : files.sorted().toList()) {
                    String json = Files.readString(f);
                    if (f.getFileName().toString().equals("carrier-b.json")) {
                        // Carrier B is SIPp here, and terminates premium numbers.
                        json = json.replaceAll("\"trunkUri\": \"[^\"]*\"", "\"trunkUri\": \"sip:127.0.0.1:17362\"")
                                .replace("\"capabilities\": [\"INTERNATIONAL\", \"TOLL_FREE\"]",
                                        "\"capabilities\": [\"INTERNATIONAL\", \"TOLL_FREE\", \"PREMIUM\"]");
                        assertThat(json).contains("PREMIUM");
                    }
                    Api.Reply r = Api.putJson(kind + "/" + f.getFileName().toString().replace(".json", ""), "oscar", json);
                    assertThat(r.status()).as(f + ": " + r.body()).isEqualTo(200);
                }
            }
        }
        Path deck = Path.of("..", "demo", "ratedecks", "carrier-b_2026-12.csv");
        assertThat(Api.postCsv("carriers/carrier-b/rate-deck", "oscar", Files.readString(deck)).status()).isEqualTo(200);
        // UK premium from HQ and the branch's calls to London go to carrier B.
        DecisionTableWorkbook routing = RoutingPolicyTableSource.layout()
                .row("hq-cucm", "PREMIUM", "+4490", "", "carrier-b", "", "", "", "", "", "", "", "PRIORITY")
                .row("branch-asterisk", "INTERNATIONAL", "+44", "", "carrier-b", "", "", "", "", "", "", "", "PRIORITY");
        for (int i = 0; i < RoutingPolicyTableSource.shipped().rowCount(); i++) {
            routing = routing.row(RoutingPolicyTableSource.shipped().rowCells(i).toArray(String[]::new));
        }
        Api.Reply r = Api.put("rulebooks/routing/files/RoutingPolicy.drl.xlsx", "ana", routing.toXlsx(), "fraud tests");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Api.Reply f = Api.put("rulebooks/fraud/files/FraudPolicy.drl.xlsx", "ana", fraudTable(hoursExcludingNow()).toXlsx(),
                "fraud tests");
        assertThat(f.status()).as(f.body()).isEqualTo(200);

        Path jar = Path.of(System.getProperty("edge.jar"));
        String members = "127.0.0.1:15711,127.0.0.1:15712";
        for (int i = 0; i < 2; i++) {
            EdgeProcess node = EdgeProcess.start(jar, DIR, "fraud-edge-" + (i + 1), 17380 + i, 15711 + i, members, Map.of(
                    "platform.url", "http://127.0.0.1:8080", "platform.user", "edge-1", "platform.password", "edge-1",
                    "pbx.hq-cucm.sources", "127.0.0.1:17390,127.0.0.1:17391",
                    "pbx.branch-asterisk.sources", "127.0.0.1:17392"));
            EDGES.add(node);
        }
        for (EdgeProcess n : EDGES) {
            n.awaitLog("ready", 60);
            n.awaitLog("open for decisions", 30);
        }
        JsonObject health = await(Duration.ofSeconds(60), () -> {
            JsonObject h = Api.get("health", "oscar").json().asJsonObject();
            return subsystem(h, "edge").getJsonArray("members").size() == 2 ? h : null;
        });
        assertThat(health.getString("status")).isEqualTo("UP");
    }

    /** Site hours in London that exclude this hour: the London row applies now. */
    private static String hoursExcludingNow() {
        int h = ZonedDateTime.now(ZoneId.of("Europe/London")).getHour();
        return String.format("%02d:00-%02d:00", (h + 2) % 24, (h + 3) % 24);
    }

    @Test
    @Order(2)
    void aPremiumBurstAlternatingBetweenNodesIsRefusedFromTheCallThatReachesTheClusterWideLevel() throws Exception {
        freshCarrierB("burst");
        // One call through each node first: the platform's first premium decision (cold code, the PBX's fraud rows
        // collected) may outlast the node's decision timeout and be decided by the fallback table. Then the
        // extension's counters start from zero.
        Instant warm = Instant.now();
        Sipp.exit(pbx("warm-1", "17380", "17390", PREMIUM_UK, 1));
        Sipp.exit(pbx("warm-2", "17381", "17391", PREMIUM_UK, 1));
        // A warm-up decision the node gave up on is still counted when the platform finishes it, which on a cold,
        // busy machine can be after the calls ended: the reset comes once both are decided and stored.
        awaitDecided(warm, "hq-cucm", 2);
        assertThat(Api.delete("fraud/counters/extensions/hq-cucm/sipp?reason=warm-up", "oscar").status()).isEqualTo(200);
        Thread.sleep(2_000);
        Instant since = Instant.now();
        Process one = pbx("burst-1", "17380", "17390", PREMIUM_UK, 5);
        Thread.sleep(500);
        Process two = pbx("burst-2", "17381", "17391", PREMIUM_UK, 5);
        Sipp.exit(one);
        Sipp.exit(two);
        long ok = successful("burst-1") + successful("burst-2");
        long failed = failed("burst-1") + failed("burst-2");
        assertThat(ok).as("calls before the level, over both nodes").isEqualTo(5);
        assertThat(failed).as("the call reaching the level and every later one").isEqualTo(5);

        // Every refused call's stored decision names the row, the counter, its value and the level.
        List<JsonObject> decisions = decisions(since, "hq-cucm", 10);
        List<JsonObject> refused = decisions.stream().filter(d -> d.getString("verdict").equals("REJECT")).toList();
        assertThat(refused).hasSize(5);
        for (JsonObject d : refused) {
            assertThat(d.getInt("sipCode")).isEqualTo(403);
            assertThat(d.getString("reason")).isEqualTo("refused by the fraud policy");
        }
        List<String> values = refused.stream().map(d -> trace(d).stream()
                .filter(l -> l.contains("FraudPolicy_12") && l.contains("CALLS_PER_MINUTE")).findFirst().orElseThrow())
                .toList();
        assertThat(values).anyMatch(l -> l.contains("ext:hq-cucm/sipp") && l.contains("= 6 reached critical 6 -> BLOCK"));
        assertThat(values).anyMatch(l -> l.contains("= 10 reached critical 6"));
        assertThat(decisions.stream().filter(d -> d.getString("verdict").equals("ROUTE"))
                .flatMap(d -> trace(d).stream()).filter(l -> l.contains("FraudPolicy_12")))
                .anyMatch(l -> l.contains("= 5 below critical 6"));

        // One alert, mailed once, whose count follows the refused calls.
        String subject = "[Trunkline CRITICAL] Fraud: calls per minute (FraudPolicy_12): extension ext:hq-cucm/sipp (raised)";
        MimeMessage mail = await(Duration.ofSeconds(30), () -> List.of(smtp.getReceivedMessages()).stream()
                .filter(m -> subject(m).equals(subject)).findFirst().orElse(null));
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("FraudPolicy_12").contains("CALLS_PER_MINUTE");
        Thread.sleep(3_000);
        assertThat(List.of(smtp.getReceivedMessages()).stream().filter(m -> subject(m).contains("Fraud: calls per minute")))
                .hasSize(1);
        JsonObject alert = Api.get("alerts?state=open", "oscar").json().asJsonObject().getJsonArray("alerts").stream()
                .map(JsonValue::asJsonObject).filter(a -> a.getString("subject").equals("ext:hq-cucm/sipp")).findFirst()
                .orElseThrow();
        assertThat(alert.getString("origin")).isEqualTo("fraud");
        assertThat(alert.getInt("occurrences")).isGreaterThan(1);

        // The counter read from the cluster, then reset by ops: the next call goes.
        JsonObject counters = Api.get("fraud/counters/extensions/hq-cucm/sipp", "oscar").json().asJsonObject();
        assertThat(counters.getString("source")).isEqualTo("edge-cluster");
        assertThat(counters.getJsonArray("counters").getJsonObject(0).getInt("callsPerMinute")).isEqualTo(10);
        assertThat(Api.get("fraud/counters/extensions/hq-cucm/sipp", "ana").status()).as("analysts do not").isEqualTo(403);
        Api.Reply reset = Api.delete("fraud/counters/extensions/hq-cucm/sipp?reason=owner+confirmed+the+campaign", "oscar");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        freshCarrierB("after-reset");
        Process after = pbx("after-reset", "17380", "17390", PREMIUM_UK, 1);
        assertThat(Sipp.exit(after)).as("the call after the reset goes").isZero();
        JsonObject audit = Api.get("fraud/audit?subject=ext:hq-cucm/sipp", "oscar").json().asJsonObject()
                .getJsonArray("entries").getJsonObject(0);
        assertThat(audit.getString("action")).isEqualTo("RESET_COUNTERS");
        assertThat(audit.getString("actor")).isEqualTo("oscar");
        assertThat(audit.getString("reason")).isEqualTo("owner confirmed the campaign");
    }

    @Test
    @Order(3)
    void theEdgeClusterStillHoldsABurstWhenOneNodeIsKilledInTheMiddleOfIt() throws Exception {
        freshCarrierB("kill");
        assertThat(Api.delete("fraud/counters/extensions/hq-cucm/sipp?reason=next+test", "oscar").status()).isEqualTo(200);
        Process one = pbx("kill-1", "17380", "17390", PREMIUM_UK, 2);
        Process two = pbx("kill-2", "17381", "17391", PREMIUM_UK, 1);
        Sipp.exit(one);
        Sipp.exit(two);
        // Three calls counted; the node that took one of them dies (SIGKILL): the copy's backup on the other
        // node takes over.
        EDGES.get(1).kill();
        JsonObject counters = await(Duration.ofSeconds(30), () -> {
            Api.Reply r = Api.get("fraud/counters/extensions/hq-cucm/sipp", "oscar");
            return r.status() == 200 ? r.json().asJsonObject() : null;
        });
        assertThat(counters.getString("source")).isEqualTo("edge-cluster");
        assertThat(counters.getJsonArray("counters").getJsonObject(0).getInt("callsPerMinute"))
                .as("the burst held by the survivor, exactly").isEqualTo(3);
        // Counting goes on from there: two more go, the sixth is refused.
        Process more = pbx("kill-more", "17380", "17390", PREMIUM_UK, 3);
        Sipp.exit(more);
        assertThat(successful("kill-more")).isEqualTo(2);
        assertThat(failed("kill-more")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void anInternationalCallOutsideTheAllowedHoursOfARestrictedPbxIsRefused() throws Exception {
        JsonObject london = decide(call("h-1", "london-teams", "5001", "+14165550123"));
        assertThat(london.getString("verdict")).isEqualTo("REJECT");
        assertThat(london.getInt("sipCode")).isEqualTo(403);
        assertThat(trace(london)).anyMatch(l -> l.startsWith("fraud FraudPolicy_11:") && l.contains("-> BLOCK"));
        JsonObject hq = decide(call("h-2", "hq-cucm", "2001", "914165550123"));
        assertThat(hq.getString("verdict")).isEqualTo("ROUTE");
        assertThat(trace(hq)).noneMatch(l -> l.contains("FraudPolicy_11"));
        // Emergency calls of the restricted PBX are never screened (whatever routing makes of them).
        assertThat(trace(decide(call("h-3", "london-teams", "5001", "999")))).noneMatch(l -> l.startsWith("fraud"));
    }

    @Test
    @Order(5)
    void aPbxWhoseSpendCrossesItsLimitIsBlockedForTheRowsDurationAndUnblockedAfter() throws Exception {
        // One answered call to London through carrier B: 1 s billed 6/6 at 0.0150 a minute is 0.0015. The PBX's
        // first decision runs cold code (its fraud rows collected) and may outlast the node's decision timeout, to
        // be decided by the fallback table: a decision over HTTP warms it, and the call is tried up to three times.
        assertThat(decide(call("s-0", "branch-asterisk", "2001", LONDON)).getString("verdict")).isEqualTo("ROUTE");
        freshCarrierB("spend");
        int exit = 1;
        for (int attempt = 1; attempt <= 3 && exit != 0; attempt++) {
            exit = Sipp.exit(pbx("spend-" + attempt, "17380", "17392", LONDON, 1));
        }
        assertThat(exit).as("one answered call of the branch").isZero();
        JsonObject counters = await(Duration.ofSeconds(30), () -> {
            JsonObject c = Api.get("fraud/counters/pbxs/branch-asterisk", "oscar").json().asJsonObject();
            return c.getJsonArray("counters").stream().map(JsonValue::asJsonObject)
                    .anyMatch(f -> f.getJsonNumber("spendPerHour").doubleValue() > 0) ? c : null;
        });
        assertThat(counters.getJsonArray("counters").getJsonObject(0).getJsonNumber("spendPerHour").bigDecimalValue())
                .isEqualByComparingTo("0.0015");

        JsonObject blocked = decide(call("s-1", "branch-asterisk", "2001", LONDON));
        assertThat(blocked.getInt("sipCode")).isEqualTo(403);
        assertThat(trace(blocked)).anyMatch(l -> l.contains("SPEND_PER_HOUR") && l.contains("reached critical 0.001 -> BLOCK_SOURCE"));
        JsonObject block = Api.get("fraud/blocks", "oscar").json().asJsonObject().getJsonArray("blocks").stream()
                .map(JsonValue::asJsonObject).filter(b -> b.getString("subject").equals("pbx:branch-asterisk"))
                .findFirst().orElseThrow();
        Instant until = Instant.parse(block.getString("until"));
        assertThat(Duration.between(Instant.parse(block.getString("at")), until)).isEqualTo(Duration.ofSeconds(8));
        // While blocked every call of the PBX is refused, whatever it dials.
        JsonObject during = decide(call("s-2", "branch-asterisk", "2002", "93125550199"));
        assertThat(during.getInt("sipCode")).isEqualTo(403);
        assertThat(trace(during)).anyMatch(l -> l.contains("pbx:branch-asterisk blocked until"));
        // After its duration the block is gone and the PBX calls again.
        while (Instant.now().isBefore(until.plusMillis(200))) {
            Thread.sleep(200);
        }
        assertThat(decide(call("s-3", "branch-asterisk", "2002", "93125550199")).getString("verdict")).isEqualTo("ROUTE");
        JsonObject audit = Api.get("fraud/audit?subject=pbx:branch-asterisk", "oscar").json().asJsonObject()
                .getJsonArray("entries").getJsonObject(0);
        assertThat(audit.getString("action")).isEqualTo("BLOCK");
        assertThat(audit.getString("actor")).startsWith("rule:FraudPolicy_13");
    }

    @Test
    @Order(6)
    void aBadCellInTheFraudTableAndBadParametersAreRefused() throws Exception {
        String active = Api.get("rulebooks/fraud", "ana").json().asJsonObject().getString("label");
        DecisionTableWorkbook typo = fraudTable("07:00-20:00")
                .row("*", "PREMIUM", "", "", "EXTENSION", "CALLS_PER_MINUTE", "", "", "6", "", "BLOK");
        Api.Reply refused = Api.put("rulebooks/fraud/files/FraudPolicy.drl.xlsx", "ana", typo.toXlsx(), "typo");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        JsonObject problem = refused.json().asJsonObject().getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getString("sheet")).isEqualTo("FraudPolicy");
        assertThat(problem.getInt("row")).isEqualTo(typo.sheetRowOf(typo.rowCount() - 1));
        assertThat(problem.getString("column")).as("the table starts in column B").isEqualTo("L");
        assertThat(problem.getString("header")).isEqualTo("Action");
        assertThat(Api.get("rulebooks/fraud", "ana").json().asJsonObject().getString("label")).isEqualTo(active);

        Api.Reply badPbx = Api.get("fraud/counters/pbxs/Not%20A%20Pbx", "oscar");
        assertThat(badPbx.status()).isEqualTo(400);
        assertThat(badPbx.json().asJsonObject().getString("field")).isEqualTo("pbx");
        assertThat(Api.delete("fraud/counters/pbxs/hq-cucm", "oscar").json().asJsonObject().getString("field"))
                .isEqualTo("reason");
        assertThat(Api.get("fraud/audit?limit=0", "oscar").status()).isEqualTo(400);
        assertThat(Api.delete("fraud/blocks/pbxs/hq-cucm?reason=none", "oscar").status()).isEqualTo(404);
        assertThat(Api.get("fraud/blocks", null).status()).isEqualTo(401);
    }

    @Test
    @Order(99)
    void undeploys() throws Exception {
        // The test classes share one database: the shipped tables active again and carrier B as the demo has it,
        // as the classes after this one expect.
        for (String rulebook : new String[]{"routing", "fraud"}) {
            Api.Reply r = Api.post("rulebooks/" + rulebook + "/versions/1/rollback", "ana", "");
            assertThat(r.status()).as(rulebook + ": " + r.body()).isEqualTo(200);
            assertThat(Api.get("rulebooks/" + rulebook, "ana").json().asJsonObject().getString("label"))
                    .isEqualTo(rulebook + "@1");
        }
        Path carrierB = Path.of("..", "demo", "carriers", "carrier-b.json");
        assertThat(Api.putJson("carriers/carrier-b", "oscar", Files.readString(carrierB)).status()).isEqualTo(200);
        Platform.undeploy();
        controller.stop(CONTAINER);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** Carrier B as a new SIPp for a test's calls: every SIPp of the tests ends at its 30 s run timeout. */
    private static void freshCarrierB(String test) throws Exception {
        if (carrierB != null) {
            carrierB.destroy();
            carrierB.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        carrierB = Sipp.start(DIR, "carrier-b-" + test, "-sn", "uas", "-p", "17362");
        Thread.sleep(300);
    }

    private static Process pbx(String name, String edgePort, String localPort, String dialed, int calls) throws Exception {
        return Sipp.start(DIR, name, "-sn", "uac", "127.0.0.1:" + edgePort, "-s", dialed, "-p", localPort,
                "-r", "1", "-m", Integer.toString(calls), "-d", "300");
    }

    private static long successful(String name) throws Exception {
        return stat(name, "Successful call");
    }

    private static long failed(String name) throws Exception {
        return stat(name, "Failed call");
    }

    private static long stat(String name, String row) throws Exception {
        Matcher m = Pattern.compile(Pattern.quote(row) + "\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)")
                .matcher(Files.readString(DIR.resolve(name + ".log")));
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        assertThat(last).as(row + " in " + name + ".log").isGreaterThanOrEqualTo(0);
        return last;
    }

    /**
     * Waits (at most 30 s) until the platform holds its own decision for each of the PBX's calls since then; the
     * burst's own assertions then say whether the counts are right.
     */
    private static void awaitDecided(Instant since, String pbx, int expected) throws Exception {
        try {
            await(Duration.ofSeconds(30), () -> {
                List<JsonObject> calls = callsSince(since, pbx, expected);
                if (calls == null) {
                    return null;
                }
                for (JsonObject c : calls) {
                    if (decisionOf(c).status() != 200) {
                        return null;
                    }
                }
                return Boolean.TRUE;
            });
        } catch (AssertionError notYet) {
            // the burst's assertions report what follows from it
        }
    }

    /** The stored decisions of the PBX's calls since {@code since}, found through their call records. */
    private static List<JsonObject> decisions(Instant since, String pbx, int expected) throws Exception {
        List<JsonObject> calls = await(Duration.ofSeconds(60), () -> callsSince(since, pbx, expected));
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject c : calls) {
            Api.Reply d = decisionOf(c);
            assertThat(d.status()).as(d.body()).isEqualTo(200);
            out.add(d.json().asJsonObject());
        }
        return out;
    }

    /** The PBX's call records since {@code since}, or null while fewer than {@code expected} are stored. */
    private static List<JsonObject> callsSince(Instant since, String pbx, int expected) throws Exception {
        List<JsonObject> page = Api.get("calls?pbx=" + pbx + "&from=" + since + "&limit=100", "oscar").json()
                .asJsonObject().getJsonArray("calls").stream().map(JsonValue::asJsonObject).toList();
        return page.size() >= expected ? page : null;
    }

    private static Api.Reply decisionOf(JsonObject call) throws Exception {
        return Api.get("decisions/" + URLEncoder.encode(call.getString("callId"), StandardCharsets.UTF_8), "oscar");
    }

    private static List<String> trace(JsonObject decision) {
        return decision.getJsonArray("trace").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String call(String id, String pbx, String calling, String called) {
        return "{\"callId\":\"" + id + "\",\"source\":\"" + pbx + "\",\"calling\":\"" + calling + "\",\"called\":\""
                + called + "\"}";
    }

    private static JsonObject decide(String body) throws Exception {
        Api.Reply r = Api.post("decisions/route", "edge-1", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonObject();
    }
}
