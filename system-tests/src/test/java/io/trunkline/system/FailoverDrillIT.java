package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.json.JsonObject;
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
 * Failover drills in the real EAR through a real edge node: carriers A and B are SIPp on this host (A 17561, B
 * 17562), the node (SIP 17560, test-call endpoint 17580) places the drill's synthetic calls for hq-cucm, a second
 * hq-cucm source (17551) places a real call meanwhile. A drill of carrier A passes on B while the real call still goes
 * to A; a scheduled drill with B refusing too fails, mails its alert and opens the compliance review; a drill waiting
 * for its window survives a server restart and runs after it. The node joins the edge cluster the platform watches
 * (15711), so the drill's call records reach the platform.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverDrillIT {

    private static final String CONTAINER = "wildfly";
    private static final Path DIR = Path.of("target", "drill");
    private static final Path SIPP = Path.of("..", "sip-edge", "src", "test", "resources", "sipp").toAbsolutePath();
    private static final String TOKEN = "drill-test-calls-token-0123456789";
    private static final String LONDON = "+442071234567";
    private static final String PROCESS = "failover.FailoverDrill";
    /** Server properties this class adds, removed again by {@link #undeploys()}. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "trunkline.edge.testcalls.urls", "http://127.0.0.1:17580",
            "trunkline.edge.testcalls.token", TOKEN,
            "trunkline.calendar.days", "MON-SUN",
            "trunkline.calendar.hours", "00:00-24:00");
    private static final List<EdgeProcess> EDGES = new ArrayList<>();
    private static final List<Process> SIPPS = new ArrayList<>();
    private static GreenMail smtp;

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
        SIPPS.forEach(Process::destroy);
        smtp.stop();
    }

    @Test
    @Order(1)
    void deploysWithAnEdgeNodeThatPlacesTestCallsAndSchedulesAreKeptPerCarrier() throws Exception {
        Files.createDirectories(DIR);
        controller.start(CONTAINER);
        Platform.setProperties(PROPERTIES);
        Platform.deploy();
        await(Duration.ofSeconds(90), () -> Api.get("health", null).status() == 503 || Api.get("health", null).status() == 200
                ? true : null);
        for (String kind : new String[]{"carriers", "pbxs"}) {
            try (var files = Files.list(Path.of("..", "demo").resolve(kind))) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString().replace(".json", "");
                    String json = Files.readString(f);
                    if (name.equals("carrier-a") || name.equals("carrier-b")) {
                        json = json.replaceAll("\"trunkUri\": \"[^\"]*\"", "\"trunkUri\": \"sip:127.0.0.1:"
                                + (name.equals("carrier-a") ? 17561 : 17562) + "\"");
                    }
                    Api.Reply r = Api.putJson(kind + "/" + name, "oscar", json);
                    assertThat(r.status()).as(f + ": " + r.body()).isEqualTo(200);
                }
            }
        }
        EdgeProcess node = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), DIR, "drill-edge", 17560, 15711,
                "127.0.0.1:15711,127.0.0.1:15712", Map.of("platform.url", "http://127.0.0.1:8080",
                        "platform.user", "edge-1", "platform.password", "edge-1",
                        "pbx.hq-cucm.sources", "127.0.0.1:17550,127.0.0.1:17551",
                        "testcalls.port", "17580", "testcalls.token", TOKEN));
        EDGES.add(node);
        node.awaitLog("ready", 60);
        node.awaitLog("open for decisions", 30);
        // The drill's premise: hq-cucm's calls to London go to carrier A first, then B.
        assertLondonGoesToAThenB();

        // Schedules: ops and compliance keep them, each checked as the drill it will start.
        String schedule = "{\"sourcePbx\":\"hq-cucm\",\"testNumbers\":\"" + LONDON + "\",\"days\":\"MON-FRI\","
                + "\"time\":\"02:30\",\"zone\":\"Europe/London\",\"enabled\":false}";
        Api.Reply put = Api.putJson("failover-drills/schedules/carrier-a", "oscar", schedule);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().asJsonObject().getInt("maxAddedSetupMs")).isEqualTo(5000);
        assertThat(put.json().asJsonObject().getString("updatedBy")).isEqualTo("oscar");
        assertThat(Api.get("failover-drills/schedules", "carla").json().asJsonObject().getJsonArray("schedules"))
                .anySatisfy(s -> assertThat(s.asJsonObject().getString("days")).isEqualTo("MON-FRI"));
        assertThat(Api.putJson("failover-drills/schedules/carrier-a", "ana", schedule).status()).isEqualTo(403);
        assertThat(Api.putJson("failover-drills/schedules/no-such-carrier", "carla", schedule).status()).isEqualTo(404);
        for (String[] bad : new String[][]{{"02:30", "25:00", "time"}, {"MON-FRI", "WEEKDAYS", "days"},
                {"Europe/London", "Mars/Olympus", "zone"}, {LONDON, "02071234567", "testNumbers"},
                {"hq-cucm", "no-such-pbx", "sourcePbx"}}) {
            Api.Reply r = Api.putJson("failover-drills/schedules/carrier-a", "carla", schedule.replace(bad[0], bad[1]));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().asJsonObject().getString("field")).isEqualTo(bad[2]);
        }
        Api.Reply unknown = Api.post("workflows", "carla", "{\"processId\":\"" + PROCESS + "\",\"variables\":{"
                + "\"carrier\":\"carrier-z\",\"sourcePbx\":\"hq-cucm\",\"testNumbers\":[\"" + LONDON + "\"]}}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().asJsonObject().getString("field")).isEqualTo("variables.carrier");
    }

    @Test
    @Order(2)
    void aDrillOfCarrierAGoesToBAndPassesWhileARealCallFromTheSamePbxStillUsesA() throws Exception {
        Path aLog = DIR.toAbsolutePath().resolve("pass-carrier-a-sip.log");
        Path bLog = DIR.toAbsolutePath().resolve("pass-carrier-b-sip.log");
        Process carrierA = sipp("pass-carrier-a", "-m", "2", "-sn", "uas", "-p", "17561", "-trace_msg", "-message_file", aLog.toString());
        Process carrierB = sipp("pass-carrier-b", "-m", "1", "-sn", "uas", "-p", "17562", "-trace_msg", "-message_file", bLog.toString());
        long id = startDrill("{\"carrier\":\"carrier-a\",\"sourcePbx\":\"hq-cucm\",\"testNumbers\":[\"" + LONDON
                + "\"],\"expectCarrier\":\"carrier-b\"}");
        // A real call from the PBX's other source while the drill runs.
        Process pbx = sipp("pass-pbx", "-m", "1", "-sn", "uac", "127.0.0.1:17560", "-s", "9011442071234568", "-p", "17551",
                "-d", "3000");
        assertThat(Sipp.exit(pbx)).as("the real call was answered").isZero();
        JsonObject done = awaitState(id, "COMPLETED", 60);
        assertThat(Sipp.exit(carrierA)).as("carrier A took the baseline and the real call").isZero();
        assertThat(Sipp.exit(carrierB)).as("carrier B took the drill call").isZero();
        assertThat(invites(aLog)).as("A saw the baseline and the real call, no drill call").hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("2071234568"))
                .anySatisfy(l -> assertThat(l).contains("2071234567"));
        assertThat(invites(bLog)).singleElement().asString().contains("2071234567");
        assertThat(done.getJsonObject("variables").getString("passed")).isEqualTo("true");
        assertThat(done.getJsonArray("timeline").stream().map(JsonValue::asJsonObject))
                .anyMatch(e -> "Drill passed".equals(e.getString("node", null)));

        JsonObject report = report(id, "carla");
        assertThat(report.getBoolean("passed")).isTrue();
        JsonObject call = report.getJsonArray("calls").getJsonObject(0);
        assertThat(call.getJsonObject("baseline").getString("answeredBy")).isEqualTo("carrier-a");
        assertThat(call.getJsonObject("baseline").getString("testCall")).isEqualTo("drill-" + id + "-base-1");
        JsonObject drill = call.getJsonObject("drill");
        assertThat(drill.getString("testCall")).isEqualTo("drill-" + id + "-1");
        assertThat(drill.getString("answeredBy")).isEqualTo("carrier-b");
        assertThat(drill.getJsonArray("attempts").getJsonObject(0).getBoolean("skipped")).isTrue();
        // The calls' records, stored by the platform with the drill's test-call ids, are the evidence.
        for (JsonObject c : List.of(call.getJsonObject("baseline"), drill)) {
            JsonObject record = await(Duration.ofSeconds(60), () -> {
                Api.Reply r = Api.get("calls/" + URLEncoder.encode(c.getString("callId"), StandardCharsets.UTF_8), "oscar");
                return r.status() == 200 ? r.json().asJsonObject() : null;
            });
            assertThat(record.getString("testCall")).isEqualTo(c.getString("testCall"));
        }
    }

    @Test
    @Order(3)
    void aScheduledDrillFailsWhenBRefusesTooMailsItsAlertAndAsksComplianceToReview() throws Exception {
        // The slot is the next minute at least 20 s away; SIPp waits at most 30 s, so it starts just before the slot.
        Instant slot = Instant.now().plusSeconds(80).truncatedTo(ChronoUnit.MINUTES);
        if (Duration.between(Instant.now(), slot).getSeconds() > 60) {
            slot = slot.minusSeconds(60);
        }
        String day = slot.atZone(ZoneOffset.UTC).getDayOfWeek().name().substring(0, 3);
        Api.Reply put = Api.putJson("failover-drills/schedules/carrier-a", "carla", "{\"sourcePbx\":\"hq-cucm\","
                + "\"testNumbers\":[\"" + LONDON + "\"],\"days\":\"" + day + "\",\"time\":\""
                + slot.atZone(ZoneOffset.UTC).toLocalTime() + "\",\"zone\":\"UTC\",\"enabled\":true}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), slot).toMillis() - 15_000));
        // They wait long enough for a drill that starts late on a loaded machine.
        Process carrierA = sipp("fail-carrier-a", 120, "-m", "1", "-sn", "uas", "-p", "17561");
        Process carrierB = sipp("fail-carrier-b", 120, "-m", "1", "-sf", SIPP.resolve("uas-503.xml").toString(), "-p", "17562");
        long id = await(Duration.ofSeconds(45), () -> {
            JsonObject s = Api.get("failover-drills/schedules", "oscar").json().asJsonObject().getJsonArray("schedules")
                    .stream().map(JsonValue::asJsonObject).filter(o -> o.getString("carrier").equals("carrier-a"))
                    .findFirst().orElseThrow();
            return s.isNull("lastWorkflowId") ? null : s.getJsonNumber("lastWorkflowId").longValue();
        });
        assertThat(Sipp.exit(carrierA)).isZero();
        assertThat(Sipp.exit(carrierB)).as("B refused the drill call").isZero();
        String subject = "Failover drill of carrier-a failed";
        MimeMessage mail = await(Duration.ofSeconds(60), () -> List.of(smtp.getReceivedMessages()).stream()
                .filter(m -> subject(m).contains(subject)).findFirst().orElse(null));
        assertThat(subject(mail)).contains("CRITICAL");
        assertThat(GreenMailUtil.getBody(mail)).contains("DRILL-" + id).contains("drill call not answered");
        JsonObject review = await(Duration.ofSeconds(30), () -> Api.get("tasks", "carla").json().asJsonArray().stream()
                .map(JsonValue::asJsonObject).filter(t -> t.getJsonNumber("workflowId").longValue() == id)
                .filter(t -> t.getString("name").equals("Review the failed failover drill")).findFirst().orElse(null));
        assertThat(report(id, "carla").getBoolean("passed")).isFalse();
        assertThat(Api.post("tasks/" + review.getJsonNumber("id") + "/complete", "carla",
                "{\"data\":{\"findings\":\"carrier B trunk out of service; ticket raised\"}}").status()).isEqualTo(204);
        JsonObject done = awaitState(id, "COMPLETED", 30);
        assertThat(done.getString("startedBy")).isEqualTo("system");
        assertThat(Api.delete("failover-drills/schedules/carrier-a", "carla").status()).isEqualTo(204);
        assertThat(Api.delete("failover-drills/schedules/carrier-a", "carla").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aDrillWaitingForItsWindowSurvivesARestartAndRunsAfterIt() throws Exception {
        Instant startAt = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
        long id = startDrill("{\"carrier\":\"carrier-a\",\"sourcePbx\":\"hq-cucm\",\"testNumbers\":\"" + LONDON
                + "\",\"startAt\":\"" + startAt + "\"}");
        assertThat(workflow(id).getJsonArray("activeSteps").getString(0)).isEqualTo("Drill window opens");

        // The carriers listen before the restart: a slow restart may find the window open as it boots.
        Process carrierA = sipp("restart-carrier-a", 240, "-m", "1", "-sn", "uas", "-p", "17561");
        Process carrierB = sipp("restart-carrier-b", 240, "-m", "1", "-sn", "uas", "-p", "17562");
        controller.stop(CONTAINER);
        controller.start(CONTAINER);
        Instant restarted = Instant.now();
        // The first decision after a start runs cold code and may outlast the node's decision timeout (the node's
        // fallback would then decide): the platform is warmed up before the window opens.
        assertLondonGoesToAThenB();
        JsonObject done = awaitState(id, "COMPLETED", 90);
        assertThat(Sipp.exit(carrierA)).isZero();
        assertThat(Sipp.exit(carrierB)).isZero();
        assertThat(done.getJsonArray("timeline").stream().map(JsonValue::asJsonObject))
                .filteredOn(e -> e.getString("kind").equals("NODE_LEFT") && "Drill window opens".equals(e.getString("node", null)))
                .singleElement().satisfies(e -> {
                    assertThat(e.getString("actor")).as("the timer fired by itself").isEqualTo("system");
                    assertThat(Instant.parse(e.getString("at"))).isAfterOrEqualTo(startAt)
                            .isAfterOrEqualTo(restarted.minusSeconds(30));
                });
        JsonObject report = report(id, "oscar");
        assertThat(report.getBoolean("passed")).isTrue();
        assertThat(report.getJsonArray("calls").getJsonObject(0).getJsonObject("baseline").getString("answeredBy"))
                .as(report.toString()).isEqualTo("carrier-a");
    }

    @Test
    @Order(5)
    void undeploys() throws Exception {
        // The test classes share one server configuration and database: this class's properties go, and the
        // demo's carriers come back.
        Platform.removeProperties(PROPERTIES.keySet());
        for (String carrier : new String[]{"carrier-a", "carrier-b"}) {
            Path demo = Path.of("..", "demo", "carriers", carrier + ".json");
            assertThat(Api.putJson("carriers/" + carrier, "oscar", Files.readString(demo)).status()).isEqualTo(200);
        }
        Platform.undeploy();
        controller.stop(CONTAINER);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static Process sipp(String name, String... args) throws Exception {
        return sipp(name, 30, args);
    }

    private static Process sipp(String name, int timeoutSeconds, String... args) throws Exception {
        Process p = Sipp.start(DIR, name, timeoutSeconds, args);
        SIPPS.add(p);
        return p;
    }

    /** The drill's premise: hq-cucm's calls to London go to carrier A first, then B. */
    private static void assertLondonGoesToAThenB() throws Exception {
        JsonObject decision = await(Duration.ofSeconds(60), () -> {
            Api.Reply r = Api.post("decisions/route", "edge-1", "{\"callId\":\"drill-premise\",\"direction\":"
                    + "\"OUTBOUND\",\"source\":\"hq-cucm\",\"calling\":\"2000\",\"called\":\"" + LONDON + "\"}");
            return r.status() == 200 ? r.json().asJsonObject() : null;
        });
        assertThat(decision.getJsonArray("routes").stream().map(r -> r.asJsonObject().getString("target")))
                .as(decision.toString()).startsWith("carrier-a", "carrier-b");
    }

    private static long startDrill(String variables) throws Exception {
        Api.Reply r = Api.post("workflows", "carla", "{\"processId\":\"" + PROCESS + "\",\"variables\":" + variables + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().asJsonObject().getJsonNumber("id").longValue();
    }

    private static JsonObject workflow(long id) throws Exception {
        Api.Reply r = Api.get("workflows/" + id, "carla");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonObject();
    }

    private static JsonObject awaitState(long id, String state, int seconds) throws Exception {
        return await(Duration.ofSeconds(seconds), () -> {
            Api.Reply r = Api.get("workflows/" + id, "carla");
            return r.status() == 200 && r.json().asJsonObject().getString("state").equals(state) ? r.json().asJsonObject() : null;
        });
    }

    /** The drill's JSON report, a document of its workflow. */
    private static JsonObject report(long id, String user) throws Exception {
        JsonObject doc = Api.get("workflows/" + id + "/documents", user).json().asJsonObject().getJsonArray("documents")
                .stream().map(JsonValue::asJsonObject).filter(d -> d.getString("name").equals("DRILL-" + id + "-report.json"))
                .findFirst().orElseThrow(() -> new AssertionError("drill " + id + " has no report"));
        Api.Reply r = Api.get("workflows/" + id + "/documents/" + doc.getJsonNumber("id"), user);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonObject();
    }

    /** The request lines of the INVITEs a carrier received; a retransmission (same request line) counts once. */
    private static List<String> invites(Path messages) throws Exception {
        return Files.readAllLines(messages).stream().filter(l -> l.startsWith("INVITE sip:")).distinct().toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }
}
