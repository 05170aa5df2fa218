package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.database;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.json.JsonObject;
import javax.json.JsonValue;
import javax.mail.Multipart;
import javax.mail.Part;
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
 * SLA credit claims in the real EAR on PostgreSQL: carrier A's October 2026 (trunk-state changes of two edge nodes,
 * its own status-feed incidents and hourly metric windows, stored as the platform stores them) is 99.2 % available
 * against a 99.9 % SLA, so its judgement claims the 10 % band of the monthly charge once: the evidence ZIP's outage
 * windows, the claim e-mailed with it, a second judgement that finds the claim, the server restarted while the claim
 * waits for its credit (the invoice check's timer fires after it, and the carrier is reminded), and an invoice with
 * the credit line that closes it. Needs no edge node; mail on GreenMail 13025.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaClaimIT {

    private static final String CONTAINER = "wildfly";
    private static final String CLAIMS_DESK = "sla-claims@carrier-a.example";
    /** Round-the-clock business time, and the invoice checked every 20 s instead of every 5 working days. */
    private static final Map<String, String> PROPERTIES = Map.of("trunkline.calendar.days", "MON-SUN",
            "trunkline.calendar.hours", "00:00-24:00", "trunkline.sla.credit-check-every", "PT20S");
    private static GreenMail smtp;

    @ArquillianResource
    private ContainerController controller;

    @BeforeAll
    static void mailServer() {
        smtp = new GreenMail(new ServerSetup(13025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopMail() {
        smtp.stop();
    }

    @Test
    @Order(1)
    void deploysWithCarrierAsSlaTermsAndASyntheticOctober() throws Exception {
        controller.start(CONTAINER);
        Platform.setProperties(PROPERTIES);
        Platform.deploy();
        await(Duration.ofSeconds(90), () -> Api.get("health", null).status() == 503 || Api.get("health", null).status() == 200
                ? true : null);
        try (var files = Files.list(Path.of("..", "demo", "carriers"))) {
            for (Path f : files.sorted().toList()) {
                Api.Reply r = Api.putJson("carriers/" + f.getFileName().toString().replace(".json", ""), "oscar",
                        Files.readString(f));
                assertThat(r.status()).as(f + ": " + r.body()).isEqualTo(200);
            }
        }
        Api.Reply bad = Api.putJson("sla/terms/carrier-a", "oscar", terms("claims desk"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().asJsonObject().getString("field")).isEqualTo("claimsEmail");
        Api.Reply badBand = Api.putJson("sla/terms/carrier-a", "oscar", terms(CLAIMS_DESK).replace("\"creditPercent\": 25",
                "\"creditPercent\": 2"));
        assertThat(badBand.json().asJsonObject().getString("field")).isEqualTo("creditSchedule[2].creditPercent");
        assertThat(Api.putJson("sla/terms/carrier-a", "ana", terms(CLAIMS_DESK)).status()).as("analysts read only")
                .isEqualTo(403);
        Api.Reply ok = Api.putJson("sla/terms/carrier-a", "oscar", terms(CLAIMS_DESK));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonObject stored = Api.get("sla/terms/carrier-a", "ana").json().asJsonObject();
        assertThat(stored.getJsonArray("creditSchedule")).hasSize(3);
        assertThat(stored.getJsonObject("monthlyCharge").getString("currency")).isEqualTo("EUR");
        syntheticOctober();
    }

    @Test
    @Order(2)
    void aMonthAt99Point2PercentIsClaimedOnceWithItsEvidenceAndResumesAfterARestartUntilTheInvoiceCreditsIt()
            throws Exception {
        assertThat(Api.post("sla/judgements", "carla", "{\"carrier\":\"carrier-a\",\"month\":\"October\"}")
                .json().asJsonObject().getString("field")).isEqualTo("month");
        Api.Reply judged = Api.post("sla/judgements", "carla", "{\"carrier\":\"carrier-a\",\"month\":\"2026-10\"}");
        assertThat(judged.status()).as(judged.body()).isEqualTo(200);
        JsonObject j = judged.json().asJsonObject();
        assertThat(j.getString("outcome")).isEqualTo("CLAIM_STARTED");
        assertThat(j.getJsonNumber("availabilityPercent").doubleValue()).isCloseTo(99.2, within(0.0001));
        assertThat(j.getJsonNumber("creditPercent").doubleValue()).isEqualTo(10.0);
        assertThat(j.getJsonNumber("creditAmount").doubleValue()).as("10 % of 12,000.00").isEqualTo(1200.0);
        JsonObject claim = j.getJsonObject("claim");
        String reference = claim.getString("reference");
        long id = claim.getJsonNumber("workflowId").longValue();
        assertThat(claim.getString("breaches")).startsWith("availability 99.2000 against 99.9000");
        JsonObject workflow = Api.get("workflows/" + id, "carla").json().asJsonObject();
        assertThat(workflow.getString("processId")).isEqualTo("sla.CreditClaim");
        assertThat(workflow.getString("startedBy")).isEqualTo("carla");

        // The evidence: the merged outage windows of both nodes and the carrier's incidents, clipped to October.
        JsonObject evidence = Api.get("workflows/" + id + "/documents", "carla").json().asJsonObject().getJsonArray("documents")
                .stream().map(JsonValue::asJsonObject).filter(d -> d.getString("name").endsWith(".zip")).findFirst().orElseThrow();
        HttpResponse<byte[]> zip = Api.download("workflows/" + id + "/documents/" + evidence.getJsonNumber("id"), "carla");
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, String> files = unzip(zip.body());
        assertThat(files).containsKeys("summary.html", "outage-windows.csv", "metric-windows-below-floor.csv",
                "failed-calls.csv", "carrier-incidents.csv");
        assertThat(files.get("outage-windows.csv").split("\r\n")).containsExactly("from_utc,to_utc,seconds,source,detail",
                "2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,3600,trunk,down on sla-edge-1",
                "2026-10-10T00:00:00Z,2026-10-10T04:30:00Z,16200,trunk; incident,"
                        + "down on sla-edge-1; down on sla-edge-2; SLA-IT-1: Signalling degraded (resolved)",
                "2026-10-20T02:00:00Z,2026-10-20T02:27:07.200Z,1627,incident,SLA-IT-2: Outage in LON (resolved)");
        assertThat(files.get("metric-windows-below-floor.csv").lines().skip(1).toList()).hasSize(4)
                .allSatisfy(l -> assertThat(l).startsWith("2026-10-10T0").contains("ASR below 40 %"));
        assertThat(files.get("summary.html")).contains(reference, "1200.00 EUR");

        // Judged again, by ops this time: the month's claim is found, nothing new starts.
        JsonObject again = Api.post("sla/judgements", "oscar", "{\"carrier\":\"carrier-a\",\"month\":\"2026-10\"}")
                .json().asJsonObject();
        assertThat(again.getString("outcome")).isEqualTo("ALREADY_CLAIMED");
        assertThat(again.getJsonObject("claim").getString("reference")).isEqualTo(reference);
        assertThat(count("SELECT count(*) FROM sla_claim WHERE carrier_id = 'carrier-a' AND claim_month = '2026-10'"))
                .isEqualTo(1);
        assertThat(Api.get("workflows?processId=sla.CreditClaim", "ana").json().asJsonObject().getJsonArray("workflows"))
                .as("analysts read SLA claims").hasSize(1);

        // Compliance reviews the amount; the claim goes to the carrier's claims desk with the evidence attached.
        JsonObject review = Api.task("carla", id, "Review the SLA claim");
        assertThat(Api.post("tasks/" + review.getJsonNumber("id") + "/complete", "carla",
                "{\"data\":{\"claimedAmount\":1200.00,\"reviewNote\":\"Outages confirmed by the NOC.\"}}").status())
                .isEqualTo(204);
        MimeMessage mail = Api.mailTo(smtp, CLAIMS_DESK, "SLA credit claim " + reference);
        assertThat((String) ((Multipart) mail.getContent()).getBodyPart(0).getContent())
                .contains("1200", "EUR", "Outages confirmed by the NOC.", reference);
        Part attached = ((Multipart) mail.getContent()).getBodyPart(1);
        assertThat(attached.getContentType()).startsWith("application/zip");
        assertThat(attached.getInputStream().readAllBytes()).isEqualTo(zip.body());
        // The mail leaves inside the step's transaction: the state it records is visible once that commits.
        assertClaimStateBecomes("SENT");

        JsonObject answer = Api.task("carla", id, "Record the carrier's answer");
        String complete = "tasks/" + answer.getJsonNumber("id") + "/complete";
        assertThat(Api.post(complete, "carla", "{\"data\":{\"accepted\":true,\"acceptedAmount\":\"lots\"}}").json()
                .asJsonObject().getString("field")).isEqualTo("data.acceptedAmount");
        assertThat(Api.post(complete, "carla", "{\"data\":{\"accepted\":true,\"acceptedAmount\":1200.00,"
                + "\"carrierReference\":\"CA-5521\"}}").status()).isEqualTo(204);

        // Waiting on the invoice check's timer when the server stops; it fires after the start, finds no credit yet
        // and reminds the carrier.
        controller.stop(CONTAINER);
        controller.start(CONTAINER);
        MimeMessage reminder = Api.mailTo(smtp, CLAIMS_DESK, "Reminder: SLA credit " + reference);
        assertThat((String) reminder.getContent()).contains(reference, "1200", "Reminder 1");
        assertClaimStateBecomes("ACCEPTED");

        invoiceWithTheCredit(reference);
        JsonObject done = await(Duration.ofSeconds(90), () -> {
            JsonObject w = Api.get("workflows/" + id, "carla").json().asJsonObject();
            return w.getString("state").equals("ACTIVE") ? null : w;
        });
        assertThat(done.getString("state")).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.getJsonArray("timeline").stream().map(JsonValue::asJsonObject))
                .anySatisfy(e -> {
                    assertThat(e.getString("kind")).isEqualTo("NODE_LEFT");
                    assertThat(e.getString("node", "")).isEqualTo("Next invoice check");
                    assertThat(e.getString("actor")).isEqualTo("system");
                });
        JsonObject closed = Api.get("sla/claims/carrier-a/2026-10", "ana").json().asJsonObject();
        assertThat(closed.getString("state")).isEqualTo("CREDITED");
        assertThat(closed.getString("creditInvoice")).isEqualTo("INV-CA-2026-11#2");
    }

    @Test
    @Order(3)
    void undeploys() throws Exception {
        Platform.removeProperties(PROPERTIES.keySet());
        Platform.undeploy();
        controller.stop(CONTAINER);
        assertThat(controller.isStarted(CONTAINER)).isFalse();
    }

    private static String terms(String email) {
        return "{\"availabilityPercent\": 99.9, \"asrFloorPercent\": 40, \"pddCeilingMs\": 4000, \"nerFloorPercent\": 90,"
                + " \"mosFloor\": 3.5, \"measurementZone\": \"UTC\", \"claimWindowDays\": 90, \"claimsEmail\": \"" + email
                + "\", \"monthlyCharge\": {\"amount\": 12000.00, \"currency\": \"EUR\"}, \"creditSchedule\": ["
                + "{\"below\": 99.9, \"creditPercent\": 5}, {\"below\": 99.5, \"creditPercent\": 10},"
                + " {\"below\": 99.0, \"creditPercent\": 25}]}";
    }

    /**
     * October 2026 of carrier A as the platform stores it: node 1 finds the trunk down from September 30 22:00 to
     * October 1 01:00 (1 h in October) and on October 10 00:00-03:00, node 2 on October 10 02:00-04:00, the carrier's
     * feed reports 03:30-04:30 that day and 02:00-02:27:07.2 on the 20th: 5 h 57 min 7.2 s, 0.8 % of 744 hours. Hourly
     * windows of October 10: 20 at 50 % ASR, the four of the outage at 10 %.
     */
    private static void syntheticOctober() throws Exception {
        try (Connection c = database()) {
            c.createStatement().executeUpdate("DELETE FROM edge_event WHERE event_id LIKE 'sla-it-%'");
            c.createStatement().executeUpdate("DELETE FROM carrier_incident WHERE incident_id LIKE 'SLA-IT-%'");
            c.createStatement().executeUpdate("DELETE FROM metric_window WHERE subject = 'carrier-a' "
                    + "AND window_start >= '2026-10-01' AND window_start < '2026-11-01'");
            int seq = 0;
            for (String[] e : new String[][]{{"sla-edge-1", "false", "2026-09-30T22:00:00Z"}, {"sla-edge-1", "true", "2026-10-01T01:00:00Z"},
                    {"sla-edge-1", "false", "2026-10-10T00:00:00Z"}, {"sla-edge-2", "false", "2026-10-10T02:00:00Z"},
                    {"sla-edge-1", "true", "2026-10-10T03:00:00Z"}, {"sla-edge-2", "true", "2026-10-10T04:00:00Z"}}) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO edge_event (event_id, node_id, sequence_no, "
                        + "event_type, body, received_at) VALUES (?, ?, ?, 'TRUNK', ?, ?)")) {
                    ps.setString(1, "sla-it-" + (++seq));
                    ps.setString(2, e[0]);
                    ps.setLong(3, seq);
                    ps.setString(4, "{\"trunk\":\"carrier-a\",\"up\":" + e[1] + ",\"latencyMs\":0,\"node\":\"" + e[0]
                            + "\",\"changedAt\":\"" + e[2] + "\"}");
                    ps.setTimestamp(5, Timestamp.from(Instant.parse(e[2]).plusMillis(40)));
                    ps.executeUpdate();
                }
            }
            for (String[] i : new String[][]{{"SLA-IT-1", "Signalling degraded", "2026-10-10T03:30:00Z", "2026-10-10T04:30:00Z"},
                    {"SLA-IT-2", "Outage in LON", "2026-10-20T02:00:00Z", "2026-10-20T02:27:07.200Z"}}) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO carrier_incident (carrier_id, incident_id, title, "
                        + "status, is_open, started_at, resolved_at, first_seen, last_seen) VALUES ('carrier-a', ?, ?, "
                        + "'resolved', FALSE, ?, ?, ?, ?)")) {
                    ps.setString(1, i[0]);
                    ps.setString(2, i[1]);
                    for (int k = 3; k <= 6; k++) {
                        ps.setTimestamp(k, Timestamp.from(Instant.parse(k % 2 == 1 ? i[2] : i[3])));
                    }
                    ps.executeUpdate();
                }
            }
            for (int hour = 0; hour < 24; hour++) {
                boolean outage = hour < 4;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_window (window_minutes, window_start, "
                        + "origin, dimension, subject, attempts, answered, network_effective, billable_ms, pdd_buckets, "
                        + "failures, concurrent_peak, mos_sum, mos_count, cost, rated) VALUES (60, ?, 'edge', 'carrier', "
                        + "'carrier-a', 100, ?, ?, 0, '0', '', 5, 420, 100, 0, 0)")) {
                    ps.setTimestamp(1, Timestamp.from(Instant.parse("2026-10-10T00:00:00Z").plus(Duration.ofHours(hour))));
                    ps.setInt(2, outage ? 10 : 50);
                    ps.setInt(3, outage ? 92 : 98);
                    ps.executeUpdate();
                }
            }
        }
    }

    /** Carrier A's November invoice as the invoice ingestion stores it, its second line the credit quoting the claim. */
    private static void invoiceWithTheCredit(String reference) throws Exception {
        try (Connection c = database()) {
            long file;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_file (source, file_name, status, lines_read, "
                    + "lines_stored, received_at) VALUES ('invoice', 'carrier-a_INV-CA-2026-11.csv', 'STORED', 2, 2, now()) "
                    + "RETURNING id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    file = rs.getLong(1);
                }
            }
            long invoice;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO invoice (carrier_id, invoice_number, period_start, "
                    + "period_end, currency, stated_seconds, stated_amount, lines_seconds, lines_amount, ingest_file_id, "
                    + "received_at) VALUES ('carrier-a', 'INV-CA-2026-11', '2026-11-01', '2026-11-30', 'EUR', 60, -1199.99, "
                    + "60, -1199.99, ?, now()) RETURNING id")) {
                ps.setLong(1, file);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    invoice = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO invoice_line (invoice_id, line_number, call_id, "
                    + "started_at, called, billed_seconds, amount) VALUES (?, 1, 'call-ca-1', '2026-11-03T10:00:00Z', "
                    + "'+442071234567', 60, 0.01), (?, 2, ?, '2026-11-30T00:00:00Z', 'SLA credit 2026-10', 0, -1200.00)")) {
                ps.setLong(1, invoice);
                ps.setLong(2, invoice);
                ps.setString(3, reference);
                ps.executeUpdate();
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String claimState() throws Exception {
        return Api.get("sla/claims/carrier-a/2026-10", "oscar").json().asJsonObject().getString("state");
    }

    /**
     * Waits (ten seconds at most) for the claim to be {@code expected}: a step's mail leaves inside its transaction,
     * so the state it writes shows once that commits. Fails with the last state read.
     */
    private static void assertClaimStateBecomes(String expected) throws Exception {
        await(Duration.ofSeconds(10), () -> {
            assertThat(claimState()).as("the claim's state").isEqualTo(expected);
            return true;
        });
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
