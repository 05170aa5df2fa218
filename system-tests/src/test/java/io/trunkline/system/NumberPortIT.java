package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.database;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.json.JsonObject;
import javax.json.JsonValue;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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
 * Number porting on the deployed EAR with PostgreSQL, a real edge node placing the port's test calls, SIPp as the
 * carriers and the target PBX, and GreenMail as the gaining carrier's porting desk: the letter of authorization,
 * its submission, the FOC, the move of the numbers on port day across a server restart, the test calls, and the
 * rollback of a port whose test call fails (with the FOC escalation and a reschedule on the way).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NumberPortIT {

    private static final String CONTAINER = "wildfly";
    private static final Path DIR = Path.of("target", "porting");
    private static final String EDGE_SIP = "16410";
    private static final String PBX = "16411";
    private static final String CARRIER_A = "16412";
    private static final String CARRIER_B = "16413";
    private static final String TEST_CALLS = "16414";
    private static final String TOKEN = "porting-it-test-call-token-0123456789";
    private static final String DESK = "porting@carrier-b.example";
    private static final List<String> PORTED = List.of("+12125552010", "+12125552011", "+12125552012");
    private static final String FAILING = "+12125552020";
    /** Round-the-clock business time (escalations in seconds), the edge's test-call API, small documents. */
    private static final Map<String, String> PROPERTIES = Map.of("trunkline.calendar.days", "MON-SUN",
            "trunkline.calendar.hours", "00:00-24:00", "trunkline.edge.testcalls.urls", "http://127.0.0.1:" + TEST_CALLS,
            "trunkline.edge.testcalls.token", TOKEN, "trunkline.documents.max-bytes", "200000");
    private static final List<EdgeProcess> EDGES = new ArrayList<>();
    private static final List<Process> SIPP = new ArrayList<>();
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
        SIPP.forEach(Process::destroy);
        smtp.stop();
    }

    @Test
    @Order(1)
    void deploysWithAnEdgeNodeThatPlacesTestCalls() throws Exception {
        Files.createDirectories(DIR);
        controller.start(CONTAINER);
        // A round-the-clock business calendar makes business time elapsed time, so the escalation can be seconds.
        Platform.setProperties(PROPERTIES);
        Platform.deploy();
        await(Duration.ofSeconds(90), () -> Api.get("health", null).status() == 503 || Api.get("health", null).status() == 200
                ? true : null);
        for (String kind : new String[]{"carriers", "pbxs"}) {
            try (var files = Files.list(Path.of("..", "demo").resolve(kind))) {
                for (Path f : files.sorted().toList()) {
                    String json = Files.readString(f);
                    if (f.getFileName().toString().equals("hq-cucm.json")) {
                        json = json.replaceAll("\"trunkUri\": \"[^\"]*\"", "\"trunkUri\": \"sip:127.0.0.1:" + PBX + "\"");
                    }
                    Api.Reply r = Api.putJson(kind + "/" + f.getFileName().toString().replace(".json", ""), "oscar", json);
                    assertThat(r.status()).as(f + ": " + r.body()).isEqualTo(200);
                }
            }
        }
        List<String> dids = new ArrayList<>(PORTED);
        dids.add(FAILING);
        for (String n : dids) {
            Api.Reply r = Api.putJson("dids/" + n, "oscar", "{\"carrier\":\"carrier-a\",\"pbx\":\"hq-cucm\",\"extension\":\""
                    + n.substring(n.length() - 4) + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        Api.Reply badDesk = Api.putJson("porting/desks/carrier-b", "oscar", "{\"email\":\"porting at carrier-b\"}");
        assertThat(badDesk.status()).isEqualTo(400);
        assertThat(badDesk.json().asJsonObject().getString("field")).isEqualTo("email");
        assertThat(Api.putJson("porting/desks/carrier-b", "oscar", "{\"email\":\"" + DESK + "\",\"contact\":\"Number porting team\"}")
                .status()).isEqualTo(200);
        assertThat(Api.get("porting/desks", "ana").status()).as("analysts see nothing of porting").isEqualTo(403);

        EdgeProcess edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), DIR, "porting-edge",
                Integer.parseInt(EDGE_SIP), 15711, "127.0.0.1:15711", Map.of("platform.url", "http://127.0.0.1:8080",
                        "platform.user", "edge-1", "platform.password", "edge-1",
                        "carrier.carrier-a.sources", "127.0.0.1:" + CARRIER_A,
                        "carrier.carrier-b.sources", "127.0.0.1:" + CARRIER_B,
                        "testcalls.port", TEST_CALLS, "testcalls.token", TOKEN));
        EDGES.add(edge);
        edge.awaitLog("ready", 60);
        // Its first decisions would otherwise go to the local fallback while its connections warm up.
        edge.awaitLog("open for decisions", 30);
    }

    @Test
    @Order(2)
    void aPortMovesItsNumbersOnPortDayAcrossARestartAndClosesWithItsTestCallsAsEvidence() throws Exception {
        Api.Reply started = Api.post("workflows", "carla", "{\"processId\":\"porting.NumberPort\",\"variables\":{"
                + "\"numbers\":[\"+12125552010-012\"],\"losingCarrier\":\"carrier-a\",\"gainingCarrier\":\"carrier-b\","
                + "\"targetPbx\":\"hq-cucm\",\"requestedDate\":\"2026-12-18\"}}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        long id = started.json().asJsonObject().getJsonNumber("id").longValue();
        assertThat(Api.get("workflows/" + id, "ana").status()).as("analysts see nothing of porting").isEqualTo(404);
        Api.Reply again = Api.post("workflows", "carla", "{\"processId\":\"porting.NumberPort\",\"variables\":{"
                + "\"numbers\":\"+12125552012\",\"losingCarrier\":\"carrier-a\",\"gainingCarrier\":\"carrier-b\","
                + "\"targetPbx\":\"hq-cucm\",\"requestedDate\":\"2026-12-18\"}}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("+12125552012").contains("port " + id);
        Api.Reply notHeld = Api.post("workflows", "carla", "{\"processId\":\"porting.NumberPort\",\"variables\":{"
                + "\"numbers\":\"+13125552001\",\"losingCarrier\":\"carrier-a\",\"gainingCarrier\":\"carrier-b\","
                + "\"targetPbx\":\"hq-cucm\",\"requestedDate\":\"2026-12-18\"}}");
        assertThat(notHeld.status()).as(notHeld.body()).isEqualTo(400);
        assertThat(notHeld.json().asJsonObject().getString("field")).isEqualTo("variables.numbers");

        // The letter of authorization, generated from the request.
        JsonObject letter = documents(id).get(0);
        assertThat(letter.getString("kind")).isEqualTo("GENERATED");
        HttpResponse<byte[]> pdf = Api.download("workflows/" + id + "/documents/" + letter.getJsonNumber("id"), "carla");
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument doc = PDDocument.load(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Letter of Authorization", "PORT-" + id, "Carrier A", "Carrier B", "18 December 2026");
            PORTED.forEach(n -> assertThat(text).contains(n));
        }

        // A person signs it: the scan is uploaded (what is not a PDF or too big is refused) and named on the task.
        String docs = "workflows/" + id + "/documents?name=signed-loa.pdf";
        assertThat(Api.postBytes(docs, "carla", "text/plain", "signed".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        byte[] big = new byte[300_000];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
        assertThat(Api.postBytes(docs, "carla", "application/pdf", big).status()).isEqualTo(413);
        Api.Reply scan = Api.postBytes(docs, "carla", "application/pdf", pdf.body());
        assertThat(scan.status()).as(scan.body()).isEqualTo(201);
        long scanId = scan.json().asJsonObject().getJsonNumber("id").longValue();
        JsonObject sign = Api.task("carla", id, "Sign the letter of authorization");
        String complete = "tasks/" + sign.getJsonNumber("id") + "/complete";
        Api.Reply generated = Api.post(complete, "carla", "{\"data\":{\"signedLoaDocument\":" + letter.getJsonNumber("id")
                + ",\"signatory\":\"Carla Compliance\"}}");
        assertThat(generated.status()).as("the unsigned letter is not a signed scan").isEqualTo(400);
        assertThat(generated.json().asJsonObject().getString("field")).isEqualTo("data.signedLoaDocument");
        Api.Reply signed = Api.post(complete, "carla", "{\"data\":{\"signedLoaDocument\":" + scanId
                + ",\"signatory\":\"Carla Compliance\"}}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(204);

        // Submitted to the gaining carrier's porting desk with the signed letter attached.
        MimeMessage request = Api.mailTo(smtp, DESK, "Port request PORT-" + id);
        assertThat(request.getSubject()).contains("3 numbers from Carrier A");
        assertThat((String) ((Multipart) request.getContent()).getBodyPart(0).getContent()).contains(PORTED.get(1), "2026-12-18");
        Part attached = ((Multipart) request.getContent()).getBodyPart(1);
        assertThat(attached.getContentType()).startsWith("application/pdf");
        assertThat(attached.getInputStream().readAllBytes()).isEqualTo(pdf.body());

        // The FOC: a date-time with its offset, port day in ~45 s, then the server restarts before it.
        JsonObject foc = Api.task("carla", id, "Record the FOC date");
        String focComplete = "tasks/" + foc.getJsonNumber("id") + "/complete";
        Api.Reply noOffset = Api.post(focComplete, "carla", "{\"data\":{\"focAt\":\"2026-12-18 06:00\"}}");
        assertThat(noOffset.status()).isEqualTo(400);
        assertThat(noOffset.json().asJsonObject().getString("field")).isEqualTo("data.focAt");
        Instant portDay = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
        assertThat(Api.post(focComplete, "carla", "{\"data\":{\"focAt\":\"" + portDay + "\",\"carrierReference\":\"CB-77\"}}")
                .status()).isEqualTo(204);
        assertThat(numberStates(id)).containsOnly("RESERVED");
        // Inbound calls still come through carrier A until port day.
        assertThat(Sipp.exit(refusedCall("before-port", CARRIER_B, PORTED.get(0)))).as("carrier B's call before port day")
                .isZero();
        Process pbx = pbx("port-pbx", 4);

        controller.stop(CONTAINER);
        controller.start(CONTAINER);
        assertThat(Instant.now()).as("restarted before port day, or soon after").isBefore(portDay.plusSeconds(60));

        JsonObject done = await(Duration.ofSeconds(150), () -> {
            JsonObject w = Api.get("workflows/" + id, "carla").json().asJsonObject();
            return w.getString("state").equals("ACTIVE") ? null : w;
        });
        assertThat(done.getString("state")).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.getJsonObject("variables").getString("testsPassed")).isEqualTo("true");
        assertThat(numberStates(id)).containsOnly("CLOSED");
        List<JsonObject> timeline = done.getJsonArray("timeline").stream().map(JsonValue::asJsonObject).toList();
        assertThat(timeline).filteredOn(e -> e.getString("kind").equals("NODE_LEFT") && "Port day".equals(e.getString("node", null)))
                .singleElement().satisfies(e -> {
                    assertThat(e.getString("actor")).isEqualTo("system");
                    assertThat(Instant.parse(e.getString("at"))).isAfterOrEqualTo(portDay);
                });
        String report = done.getJsonObject("variables").getString("testReport");
        for (int i = 0; i < PORTED.size(); i++) {
            assertThat(report).contains(PORTED.get(i) + ": PASSED ANSWERED 200 by hq-cucm").contains("port-" + id + "-" + (i + 1));
        }
        // The test calls' records are stored, marked as this port's.
        assertThat(await(Duration.ofSeconds(60), () -> {
            List<String> calls = testCalls("port-" + id + "-");
            return calls.size() == PORTED.size() ? calls : null;
        })).allSatisfy(c -> assertThat(c).startsWith("INBOUND carrier-b hq-cucm"));

        // After port day a call from the gaining carrier's side reaches the PBX; the losing carrier's no longer does.
        Process fromB = Sipp.start(DIR, "after-port-b", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE_SIP, "-s",
                PORTED.get(2).substring(1), "-p", CARRIER_B, "-d", "200");
        assertThat(Sipp.exit(fromB)).as("carrier B's call to a ported number").isZero();
        assertThat(Sipp.exit(pbx)).as("the PBX answered three test calls and carrier B's call").isZero();
        assertThat(Sipp.exit(refusedCall("after-port-a", CARRIER_A, PORTED.get(2)))).as("carrier A's call after the port")
                .isZero();

        Api.Reply cancel = Api.post("workflows/" + id + "/cancel", "carla", "{\"reason\":\"too late\"}");
        assertThat(cancel.status()).isEqualTo(409);
        HttpResponse<byte[]> zip = Api.download("workflows/" + id + "/audit", "carla", "application/zip");
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(new String(zip.body(), StandardCharsets.ISO_8859_1)).contains("signed-loa.pdf", "manifest.csv");
    }

    @Test
    @Order(3)
    void aFailedTestCallRollsTheNumbersBackRaisesAnAlertAndOpensATask() throws Exception {
        Api.Reply started = Api.post("workflows", "carla", "{\"processId\":\"porting.NumberPort\",\"variables\":{"
                + "\"numbers\":\"" + FAILING + "\",\"losingCarrier\":\"carrier-a\",\"gainingCarrier\":\"carrier-b\","
                + "\"targetPbx\":\"hq-cucm\",\"requestedDate\":\"2026-12-21\",\"focEscalation\":\"15s\"}}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        long id = started.json().asJsonObject().getJsonNumber("id").longValue();
        JsonObject letter = documents(id).get(0);
        byte[] pdf = Api.download("workflows/" + id + "/documents/" + letter.getJsonNumber("id"), "carla").body();
        long scanId = Api.postBytes("workflows/" + id + "/documents?name=signed.pdf", "carla", "application/pdf", pdf)
                .json().asJsonObject().getJsonNumber("id").longValue();
        assertThat(Api.post("tasks/" + Api.task("carla", id, "Sign the letter of authorization").getJsonNumber("id")
                + "/complete", "carla",
                "{\"data\":{\"signedLoaDocument\":" + scanId + ",\"signatory\":\"Carla Compliance\"}}").status()).isEqualTo(204);

        // No FOC within 15 s of business time: escalated.
        MimeMessage late = Api.mailTo(smtp, "noc@example.com", "No FOC date for a number port");
        assertThat((String) late.getContent()).contains("PORT-" + id);
        JsonObject foc = Api.task("carla", id, "Record the FOC date");
        assertThat(Api.post("tasks/" + foc.getJsonNumber("id") + "/complete", "carla", "{\"data\":{\"focAt\":\""
                + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}}").status()).isEqualTo(204);
        // The carrier brings port day forward: the timer is re-armed.
        assertThat(Api.post("porting/ports/" + id + "/reschedule", "oscar", "{\"focAt\":\"2026-12-21T06:00:00Z\"}").status())
                .as("ops reads ports, compliance acts").isEqualTo(403);
        Api.Reply bad = Api.post("porting/ports/" + id + "/reschedule", "carla", "{\"focAt\":\"soon\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(Api.post("porting/ports/" + id + "/reschedule", "carla", "{\"focAt\":\""
                + Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS) + "\"}").status()).isEqualTo(204);

        // Nothing answers on the PBX's trunk: the test call fails, the number goes back to carrier A.
        JsonObject investigate = await(Duration.ofSeconds(90), () -> Api.get("tasks", "carla").json().asJsonArray().stream()
                .map(JsonValue::asJsonObject).filter(t -> t.getJsonNumber("workflowId").longValue() == id)
                .filter(t -> t.getString("name").equals("Investigate the failed port")).findFirst().orElse(null));
        assertThat(numberStates(id)).containsOnly("ROLLED_BACK");
        JsonObject w = Api.get("workflows/" + id, "carla").json().asJsonObject();
        assertThat(w.getJsonObject("variables").getString("testReport")).startsWith(FAILING + ": FAILED");
        assertThat(w.getJsonArray("timeline").stream().map(JsonValue::asJsonObject)
                .filter(e -> "Rescheduled".equals(e.getString("node", null))).count()).isGreaterThan(0);
        MimeMessage alert = Api.mailTo(smtp, "noc@example.com", "Number port rolled back");
        assertThat((String) alert.getContent()).contains("PORT-" + id, FAILING);

        Process pbx = pbx("rollback-pbx", 1);
        Process fromA = Sipp.start(DIR, "after-rollback-a", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE_SIP, "-s",
                FAILING.substring(1), "-p", CARRIER_A, "-d", "200");
        assertThat(Sipp.exit(fromA)).as("carrier A's call reaches the PBX again").isZero();
        assertThat(Sipp.exit(pbx)).isZero();
        assertThat(Api.post("tasks/" + investigate.getJsonNumber("id") + "/complete", "carla",
                "{\"data\":{\"resolution\":\"carrier B had not provisioned the number\"}}").status()).isEqualTo(204);
        assertThat(Api.get("workflows/" + id, "carla").json().asJsonObject().getString("state")).isEqualTo("COMPLETED");
    }

    @Test
    @Order(4)
    void undeploys() throws Exception {
        // The suite's classes share one database: the demo's DIDs only are left for the next.
        List<String> dids = new ArrayList<>(PORTED);
        dids.add(FAILING);
        for (String n : dids) {
            assertThat(Api.delete("dids/" + n, "oscar").status()).as(n).isEqualTo(204);
        }
        Platform.removeProperties(PROPERTIES.keySet());
        Platform.undeploy();
        controller.stop(CONTAINER);
        assertThat(controller.isStarted(CONTAINER)).isFalse();
    }

    /** The PBX's trunk as a SIPp UAS answering {@code calls} calls, given longer than SIPp's usual limit. */
    private static Process pbx(String name, int calls) throws Exception {
        Process p = new ProcessBuilder("sipp", "-sn", "uas", "-p", PBX, "-m", String.valueOf(calls), "-i", "127.0.0.1",
                "-timeout", "240s", "-timeout_error", "-nostdin").directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(DIR.resolve(name + ".log").toFile()).start();
        SIPP.add(p);
        return p;
    }

    /** A carrier's call to {@code number} that the platform must refuse with 404 (a DID the carrier does not hold). */
    private static Process refusedCall(String name, String carrierPort, String number) throws Exception {
        return Sipp.start(DIR, name, "-m", "1", "-sf", Path.of("src", "test", "resources", "sipp", "uac-expect-404.xml")
                .toAbsolutePath().toString(), "127.0.0.1:" + EDGE_SIP, "-s", number.substring(1), "-p", carrierPort);
    }

    private static List<JsonObject> documents(long id) throws Exception {
        return await(Duration.ofSeconds(30), () -> {
            List<JsonObject> docs = Api.get("workflows/" + id + "/documents", "carla").json().asJsonObject()
                    .getJsonArray("documents").stream().map(JsonValue::asJsonObject).toList();
            return docs.isEmpty() ? null : docs;
        });
    }

    private static List<String> numberStates(long id) throws Exception {
        Api.Reply r = Api.get("porting/ports/" + id + "/numbers", "oscar");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonObject().getJsonArray("numbers").stream().map(n -> n.asJsonObject().getString("state")).toList();
    }

    /** The stored records of the test calls whose id starts with {@code prefix}: "direction origin pbx". */
    private static List<String> testCalls(String prefix) throws Exception {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("SELECT direction, origin, pbx_id "
                + "FROM call_record WHERE test_call LIKE ? ORDER BY test_call")) {
            ps.setString(1, prefix + "%");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            return out;
        }
    }
}
