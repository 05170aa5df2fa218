package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.database;
import static io.trunkline.system.Platform.drop;
import static io.trunkline.system.Platform.inbox;
import static io.trunkline.system.Platform.subsystem;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.trunkline.rules.alerts.AlertThresholdsTableSource;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.json.JsonObject;
import javax.json.JsonValue;
import javax.mail.internet.MimeMessage;
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
 * Call records of every configured format from file drop (and HTTP push) to rows in PostgreSQL, in the real
 * EAR: the demo enterprise's CDR sources, the formats' fixture files, counts that reconcile, duplicates stored
 * once, unreadable files set aside, and WildFly killed (SIGKILL) in the middle of a large file.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdrIngestionIT {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CdrIngestionIT.class);
    private static final String CONTAINER = "wildfly";
    private static final Path FIXTURES = Path.of("..", "camel-routes", "src", "test", "resources");

    @ArquillianResource
    private ContainerController controller;

    /** One ingest_file row as the API shows it. */
    private record Ingested(long id, String status, int read, int stored, int quarantined, int duplicates, String reason) {
        static Ingested of(JsonObject f) {
            return new Ingested(f.getJsonNumber("id").longValue(), f.getString("status"), f.getInt("read"),
                    f.getInt("stored"), f.getInt("quarantined"), f.getInt("duplicates"),
                    f.isNull("reason") ? null : f.getString("reason"));
        }

        boolean reconciles() {
            return read == stored + quarantined + duplicates;
        }
    }

    @Test
    @Order(1)
    void deploysWithTheDemoEnterprisesCdrSources() throws Exception {
        controller.start(CONTAINER);
        Platform.deploy();
        JsonObject camel = await(Duration.ofSeconds(90), () -> {
            Api.Reply r = Api.get("health", "oscar");
            return r.body().contains("\"camel\"") ? subsystem(r.json().asJsonObject(), "camel") : null;
        });
        assertThat(camel.getJsonArray("cdrSources").stream().map(v -> ((javax.json.JsonString) v).getString()))
                .containsExactly("branch-asterisk", "branch-freeswitch", "carrier-a", "carrier-b", "hq-cucm", "london-teams");
        assertThat(camel.getJsonObject("routes").getString("cdr-branch-asterisk")).isEqualTo("Started");
        assertThat(camel.getJsonObject("routes").getString("cdr-push")).isEqualTo("Started");
        Api.Reply sources = Api.get("ingest/sources", "oscar");
        assertThat(sources.status()).isEqualTo(200);
        assertThat(sources.body()).contains("\"id\":\"branch-asterisk\",\"format\":\"asterisk\",\"pbx\":\"branch-asterisk\"");
    }

    @Test
    @Order(2)
    void asteriskMasterCsvDroppedInTheInboxReachesPostgres() throws Exception {
        Ingested valid = dropAndAwait("branch-asterisk", "Master-valid.csv", FIXTURES.resolve("asterisk/valid/Master.csv"));
        assertThat(valid.status()).isEqualTo("STORED");
        assertThat(valid.read()).isEqualTo(4);
        assertThat(valid.stored()).isEqualTo(4);
        Map<String, String> row = cdr("branch-asterisk", "1764147600.1/PJSIP/trunk-a-00000002").orElseThrow();
        assertThat(row).containsEntry("started_at", "2026-11-26T15:00:00Z")
                .containsEntry("answered_at", "2026-11-26T15:00:07Z")
                .containsEntry("duration_ms", "207000")
                .containsEntry("billable_ms", "200000")
                .containsEntry("called_raw", "9011442071234567")
                .containsEntry("called_e164", normalized("branch-asterisk", "9011442071234567"))
                .containsEntry("disposition", "ANSWERED")
                .containsEntry("trunk", "trunk-a")
                .containsEntry("pbx_id", "branch-asterisk");
        assertThat(row.get("called_e164")).isEqualTo("+442071234567");

        Ingested invalid = dropAndAwait("branch-asterisk", "Master-invalid.csv",
                FIXTURES.resolve("asterisk/invalid/Master.csv"));
        assertThat(invalid.read()).isEqualTo(7);
        assertThat(invalid.quarantined()).isEqualTo(7);
        assertThat(invalid.reconciles()).isTrue();
        String quarantine = Api.get("ingest/files/" + invalid.id() + "/quarantine", "oscar").body();
        assertThat(quarantine).contains("{\"source\":\"branch-asterisk\",\"line\":2,\"raw\":")
                .contains("column 13 (duration): 'two' is not a whole number of seconds");
    }

    @Test
    @Order(3)
    void carrierCsvThroughItsColumnMappingReachesPostgres() throws Exception {
        Ingested valid = dropAndAwait("carrier-a", "carrier-a-valid.csv", FIXTURES.resolve("carrier-csv/valid/carrier-a.csv"));
        assertThat(valid.stored()).isEqualTo(3);
        Map<String, String> row = cdr("carrier-a", "A-1001").orElseThrow();
        assertThat(row).containsEntry("started_at", "2026-11-26T10:00:05Z")
                .containsEntry("duration_ms", "187500")
                .containsEntry("calling_e164", "+12125552001")
                .containsEntry("called_e164", "+442071234567")
                .containsEntry("call_class", "INTERNATIONAL")
                .containsEntry("carrier_id", "carrier-a");
        assertThat(cdr("carrier-a", "A-1002").orElseThrow()).containsEntry("disposition", "FAILED");
        Ingested invalid = dropAndAwait("carrier-a", "carrier-a-invalid.csv",
                FIXTURES.resolve("carrier-csv/invalid/carrier-a.csv"));
        assertThat(invalid.quarantined()).isEqualTo(4);
        assertThat(invalid.reconciles()).isTrue();
    }

    @Test
    @Order(4)
    void freeswitchCdrCsvReachesPostgres() throws Exception {
        Ingested valid = dropAndAwait("branch-freeswitch", "Master-valid.csv", FIXTURES.resolve("freeswitch/valid/Master.csv"));
        assertThat(valid.stored()).isEqualTo(6);
        Map<String, String> row = cdr("branch-freeswitch", "3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7a81").orElseThrow();
        assertThat(row).containsEntry("started_at", "2026-11-26T16:00:00Z")
                .containsEntry("answered_at", "2026-11-26T16:00:06Z")
                .containsEntry("duration_ms", "306000")
                .containsEntry("billable_ms", "300000")
                .containsEntry("q850_cause", "16")
                .containsEntry("disposition", "ANSWERED")
                .containsEntry("pbx_id", "branch-asterisk");
        assertThat(cdr("branch-freeswitch", "5d2e3f40-6a7b-4c8d-9e0f-1a2b3c4d5e02").orElseThrow())
                .containsEntry("disposition", "BUSY").containsEntry("q850_cause", "17");
        Ingested invalid = dropAndAwait("branch-freeswitch", "Master-invalid.csv",
                FIXTURES.resolve("freeswitch/invalid/Master.csv"));
        assertThat(invalid.read()).isEqualTo(8);
        assertThat(invalid.quarantined()).isEqualTo(8);
    }

    @Test
    @Order(5)
    void cucmCdrAndCmrFilesReachPostgresAndTheirQualityJoinsTheCall() throws Exception {
        Ingested cdrs = dropAndAwait("hq-cucm", "cdr_StandAloneCluster_01_202611261500_4001",
                FIXTURES.resolve("cucm/valid/cdr_StandAloneCluster_01_202611261500_4001"));
        assertThat(cdrs.stored()).isEqualTo(6);
        Ingested cmrs = dropAndAwait("hq-cucm", "cmr_StandAloneCluster_01_202611261500_4001",
                FIXTURES.resolve("cucm/valid/cmr_StandAloneCluster_01_202611261500_4001"));
        assertThat(cmrs.stored()).isEqualTo(3);
        Map<String, String> row = cdr("hq-cucm", "1-4001-17586046-17586047").orElseThrow();
        assertThat(row).containsEntry("started_at", "2026-11-26T15:00:00Z")
                .containsEntry("billable_ms", "200000")
                .containsEntry("called_raw", "9011442071234567")
                .containsEntry("called_e164", normalized("hq-cucm", "9011442071234567"))
                .containsEntry("channel", "192.168.18.188")
                .containsEntry("trunk", "SIPTRUNK-CARRIER-A")
                .containsEntry("q850_cause", "16");
        assertThat(row.get("called_e164")).isEqualTo("+442071234567");
        try (Connection db = database(); PreparedStatement ps = db.prepareStatement("SELECT q.leg, q.jitter_ms, "
                + "q.latency_ms, q.loss_percent, q.mos FROM cdr c JOIN cdr_quality q ON q.source = c.source "
                + "AND q.call_key = c.call_key WHERE c.source = 'hq-cucm' AND c.record_key = '1-4001-17586046-17586047'")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the CMR joins its call").isTrue();
                assertThat(rs.getString(1)).isEqualTo("SEP001122334455");
                assertThat(rs.getDouble(2)).isEqualTo(3.0);
                assertThat(rs.getDouble(3)).isEqualTo(12.0);
                assertThat(rs.getDouble(4)).isEqualTo(0.5);
                assertThat(rs.getDouble(5)).isEqualTo(4.5);
            }
        }
        // The CMR's MOS reaches the PBX's window metrics, also when that window was computed before the CMR came.
        JsonObject pbx = await(Duration.ofSeconds(60), () -> {
            JsonObject r = Api.get("metrics?from=2026-11-26T15:00:00Z&to=2026-11-26T15:05:00Z&window=5m&dimension=pbx"
                    + "&subject=hq-cucm&origin=cdr", "oscar").json().asJsonObject();
            return r.getJsonArray("windows").isEmpty() || r.getJsonArray("windows").getJsonObject(0).isNull("mos") ? null
                    : r.getJsonArray("windows").getJsonObject(0);
        });
        assertThat(pbx.getJsonNumber("mos").doubleValue()).as("call 1-4001's caller leg, MLQK=4.5000").isEqualTo(4.5);
        Ingested invalid = dropAndAwait("hq-cucm", "cdr_StandAloneCluster_01_202611261600_4101",
                FIXTURES.resolve("cucm/invalid/cdr_StandAloneCluster_01_202611261600_4101"));
        assertThat(invalid.read()).isEqualTo(8);
        assertThat(invalid.quarantined()).isEqualTo(8);
        // Physical lines of the file, its two header rows counted: the first record is line 3, the last line 10.
        String quarantine = Api.get("ingest/files/" + invalid.id() + "/quarantine", "oscar").body();
        assertThat(quarantine).contains("{\"source\":\"hq-cucm\",\"line\":3,\"raw\":\"1,1,4101,17590000,2026-11-26 16:00",
                "\"line\":4,\"raw\":\"1,1,abc,", "\"line\":10,").doesNotContain("\"line\":1,", "\"line\":2,");
        Ingested badHeader = dropAndAwait("hq-cucm", "cdr_StandAloneCluster_01_202611261700_4201",
                FIXTURES.resolve("cucm/invalid/cdr_StandAloneCluster_01_202611261700_4201"));
        assertThat(badHeader.status()).isEqualTo("REFUSED");
        assertThat(badHeader.reason()).contains("dateTimeConnect");
    }

    @Test
    @Order(6)
    void teamsDirectRoutingExportReachesPostgres() throws Exception {
        Ingested valid = dropAndAwait("london-teams", "DirectRouting.calls.2026-11-26.csv",
                FIXTURES.resolve("teams/valid/DirectRouting.calls.2026-11-26.csv"));
        assertThat(valid.stored()).isEqualTo(6);
        Map<String, String> row = cdr("london-teams", "0f3c2a9e-6b1d-4e8f-9a70-1c2d3e4f5a01").orElseThrow();
        assertThat(row).containsEntry("sip_code", "200")
                .containsEntry("trunk", "sbc1.contoso.com")
                .containsEntry("disposition", "ANSWERED")
                .containsEntry("calling_raw", "+12125552001")
                .containsEntry("called_raw", "+442071234567");
        assertThat(cdr("london-teams", "1a4d3b0f-7c2e-4f90-8b81-2d3e4f5a6b02").orElseThrow())
                .containsEntry("disposition", "BUSY").containsEntry("sip_code", "486");
        Ingested invalid = dropAndAwait("london-teams", "DirectRouting.calls.2026-11-27.csv",
                FIXTURES.resolve("teams/invalid/DirectRouting.calls.2026-11-27.csv"));
        assertThat(invalid.quarantined()).isEqualTo(8);
        Ingested pstn = dropAndAwait("london-teams", "PSTN.calls.2026-11-26.csv",
                FIXTURES.resolve("teams/invalid/PSTN.calls.2026-11-26.csv"));
        assertThat(pstn.status()).isEqualTo("REFUSED");
        assertThat(pstn.reason()).contains("Correlation ID");
    }

    @Test
    @Order(7)
    void rateDeckSpreadsheetDroppedInTheInboxIsStoredWithItsBadRowQuarantined() throws Exception {
        byte[] xlsx;
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.createSheet("Rates");
            Object[][] rows = {{"prefix", "rate_per_minute", "connection_fee", "effective_from"},
                {353.0, 0.0111, 0.0, "2026-12-01"}, {"3531", "free", 0.0, "2026-12-01"}};
            for (int r = 0; r < rows.length; r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof Double d) {
                        row.createCell(c).setCellValue(d);
                    } else {
                        row.createCell(c).setCellValue((String) rows[r][c]);
                    }
                }
            }
            book.write(out);
            xlsx = out.toByteArray();
        }
        JsonObject camel = subsystem(Api.get("health", "oscar").json().asJsonObject(), "camel");
        drop(Path.of(camel.getJsonObject("inboxes").getString("trunkline.inbox.ratedecks")), "carrier-b_2026-12-ie.xlsx", xlsx);
        Ingested deck = awaitFile("ratedeck", "carrier-b_2026-12-ie.xlsx");
        assertThat(deck.status()).isEqualTo("STORED");
        assertThat(deck.read()).isEqualTo(2);
        assertThat(deck.stored()).isEqualTo(1);
        assertThat(deck.quarantined()).isEqualTo(1);
        assertThat(Api.get("ingest/files/" + deck.id() + "/quarantine", "oscar").body())
                .contains("\"line\":3,\"raw\":\"3531,free,0,2026-12-01\",\"reason\":\"rate_per_minute 'free' is not a number\"");
        assertThat(count("SELECT count(*) FROM rate_deck_entry WHERE ingest_file_id = " + deck.id()
                + " AND prefix = '353' AND rate_per_minute = 0.0111")).isEqualTo(1);
    }

    @Test
    @Order(8)
    void carrierInvoicesDroppedInTheInboxAreStoredForReconciliation() throws Exception {
        JsonObject camel = subsystem(Api.get("health", "oscar").json().asJsonObject(), "camel");
        Path inbox = Path.of(camel.getJsonObject("inboxes").getString("trunkline.inbox.invoices"));
        drop(inbox, "carrier-b_INV-2026-11.csv", Files.readAllBytes(FIXTURES.resolve("invoice/valid/carrier-b_INV-2026-11.csv")));
        Ingested valid = awaitFile("invoice", "carrier-b_INV-2026-11.csv");
        assertThat(valid.status()).isEqualTo("STORED");
        assertThat(valid.stored()).isEqualTo(3);
        drop(inbox, "carrier-b_INV-2026-12.csv", Files.readAllBytes(FIXTURES.resolve("invoice/invalid/carrier-b_INV-2026-12.csv")));
        Ingested partly = awaitFile("invoice", "carrier-b_INV-2026-12.csv");
        assertThat(partly.stored()).isEqualTo(1);
        assertThat(partly.quarantined()).isEqualTo(4);
        assertThat(partly.reconciles()).isTrue();
        drop(inbox, "carrier-b_INV-2026-11-again.csv", Files.readAllBytes(FIXTURES.resolve("invoice/valid/carrier-b_INV-2026-11.csv")));
        Ingested again = awaitFile("invoice", "carrier-b_INV-2026-11-again.csv");
        assertThat(again.status()).isEqualTo("DUPLICATE");
        assertThat(again.duplicates()).isEqualTo(3);
        drop(inbox, "carrier-b_cut.csv", Files.readAllBytes(FIXTURES.resolve("invoice/invalid/carrier-b_no-total.csv")));
        Ingested cut = awaitFile("invoice", "carrier-b_cut.csv");
        assertThat(cut.status()).isEqualTo("REFUSED");
        assertThat(cut.reason()).endsWith("the last line must be TOTAL with the invoice's totals (cut off?)");

        javax.json.JsonArray invoices = Api.get("invoices?carrier=carrier-b", "carla")
                .json().asJsonArray();
        assertThat(invoices).hasSize(2);
        JsonObject november = invoices.stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("number").equals("INV-2026-11")).findFirst().orElseThrow();
        assertThat(november.getJsonNumber("statedAmount").bigDecimalValue()).isEqualByComparingTo("0.063");
        assertThat(november.getInt("lines")).isEqualTo(3);
        assertThat(november.getBoolean("linesMatchStatedTotal")).isTrue();
        JsonObject december = invoices.stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("number").equals("INV-2026-12")).findFirst().orElseThrow();
        assertThat(december.getBoolean("linesMatchStatedTotal")).as("four lines were quarantined").isFalse();
        assertThat(count("SELECT count(*) FROM invoice_line WHERE call_id = 'B-9002'")).isEqualTo(1);
    }

    @Test
    @Order(10)
    void theSameFileOrRecordTwiceIsStoredOnce() throws Exception {
        Ingested again = dropAndAwait("branch-asterisk", "Master-again.csv", FIXTURES.resolve("asterisk/valid/Master.csv"));
        assertThat(again.status()).isEqualTo("DUPLICATE");
        assertThat(again.read()).isEqualTo(4);
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(again.reason()).startsWith("same content as file ");

        // The same records pushed over HTTP in a batch with one new record: only the new one is stored.
        List<String> lines = Files.readAllLines(FIXTURES.resolve("asterisk/valid/Master.csv"), StandardCharsets.UTF_8);
        String batch = String.join("\n", lines) + "\n" + lines.get(0).replace("1764147600.1", "1764147600.500") + "\n";
        Api.Reply pushed = Api.postCsv("ingest/sources/branch-asterisk/records?name=overlap.csv", "oscar", batch);
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        Ingested overlap = Ingested.of(pushed.json().asJsonObject());
        assertThat(overlap.status()).isEqualTo("STORED");
        assertThat(overlap.read()).isEqualTo(5);
        assertThat(overlap.stored()).isEqualTo(1);
        assertThat(overlap.duplicates()).isEqualTo(4);
        Api.Reply twice = Api.postCsv("ingest/sources/branch-asterisk/records?name=overlap-again.csv", "oscar", batch);
        assertThat(Ingested.of(twice.json().asJsonObject()).status()).isEqualTo("DUPLICATE");
        assertThat(count("SELECT count(*) FROM cdr WHERE source = 'branch-asterisk' AND record_key LIKE '17641476%'"))
                .isEqualTo(2);
    }

    @Test
    @Order(11)
    void badPushesAreRefusedWithTheReason() throws Exception {
        Api.Reply unknown = Api.postCsv("ingest/sources/paris-pbx/records", "oscar", "x\n");
        assertThat(unknown.status()).isEqualTo(404);
        Api.Reply empty = Api.postCsv("ingest/sources/branch-asterisk/records", "oscar", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().asJsonObject().getString("field")).isEqualTo("body");
        Api.Reply latin1 = Api.postFile("ingest/sources/branch-asterisk/records?name=latin1.csv", "oscar", "latin1.csv",
                "\"\",\"2001\",\"Soci\u00e9t\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1), "");
        assertThat(latin1.status()).isEqualTo(400);
        assertThat(latin1.json().asJsonObject().getString("error")).isEqualTo("unreadable_batch");
        assertThat(latin1.json().asJsonObject().getString("message")).isEqualTo("line 1 is not UTF-8 text; the whole file was refused");
        assertThat(Api.postCsv("ingest/sources/branch-asterisk/records", "ana", "x\n").status())
                .as("analysts do not push records").isEqualTo(403);
    }

    @Test
    @Order(13)
    void recordsAreReadAsTheirWritersWriteThemAndQuarantinedAtTheirPhysicalLine() throws Exception {
        Ingested multi = dropAndAwait("branch-asterisk", "Master-multiline.csv",
                FIXTURES.resolve("asterisk/valid/Master-multiline.csv"));
        assertThat(multi.status()).isEqualTo("STORED");
        assertThat(multi.read()).as("a caller name over two lines is one record").isEqualTo(3);
        assertThat(multi.stored()).isEqualTo(3);
        assertThat(cdr("branch-asterisk", "1764150300.13/PJSIP/trunk-a-00000012").orElseThrow()).containsEntry("calling_raw", "2005")
                .containsEntry("billable_ms", "60000");
        Ingested quotes = dropAndAwait("branch-asterisk", "Master-quotes.csv",
                FIXTURES.resolve("asterisk/invalid/Master-quotes.csv"));
        assertThat(quotes.stored()).isEqualTo(3);
        assertThat(quotes.quarantined()).isEqualTo(2);
        String quarantine = Api.get("ingest/files/" + quotes.id() + "/quarantine", "oscar").body();
        assertThat(quarantine).contains("{\"source\":\"branch-asterisk\",\"line\":2,\"raw\":")
                .contains("quote opened at character 87 is never closed")
                .contains("{\"source\":\"branch-asterisk\",\"line\":4,\"raw\":")
                .contains("column 13 (duration): 'sixty' is not a whole number of seconds")
                .doesNotContain("\"line\":5,");

        Ingested page = dropAndAwait("london-teams", "getDirectRoutingCalls.2026-11-26.p1.json",
                FIXTURES.resolve("teams/valid/getDirectRoutingCalls.2026-11-26.p1.json"));
        assertThat(page.status()).as("a Graph page is read, not refused: " + page.reason()).isEqualTo("STORED");
        assertThat(page.read()).isEqualTo(2);
        assertThat(page.duplicates()).as("the export's calls again, by correlation id").isEqualTo(2);
        Ingested bad = dropAndAwait("london-teams", "getDirectRoutingCalls.2026-11-27.json",
                FIXTURES.resolve("teams/invalid/getDirectRoutingCalls.2026-11-27.json"));
        assertThat(bad.stored()).isEqualTo(1);
        assertThat(bad.quarantined()).isEqualTo(7);
        assertThat(cdr("london-teams", "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e99").orElseThrow())
                .containsEntry("disposition", "ANSWERED").containsEntry("trunk", "sbc1.contoso.com");
        assertThat(Api.get("ingest/files/" + bad.id() + "/quarantine", "oscar").body())
                .contains("{\"source\":\"london-teams\",\"line\":5,\"raw\":")
                .contains("property duration: \\\"200\\\" is not a whole number (Int32)")
                .contains("{\"source\":\"london-teams\",\"line\":120,\"raw\":");
        assertThat(count("SELECT lines_done FROM ingest_file WHERE id = " + bad.id()))
                .as("the resume point, in physical lines").isEqualTo(145);
    }

    @Test
    @Order(12)
    void unreadableFilesGoToTheErrorFolderWithTheirReason() throws Exception {
        Path inbox = inbox("branch-asterisk");
        String line = Files.readAllLines(FIXTURES.resolve("asterisk/valid/Master.csv")).get(0);
        drop(inbox, "latin1-drop.csv", (line + "\n" + line.replace("DOCUMENTATION", "Soci\u00e9t\u00e9") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        drop(inbox, "cut.csv", (line + "\n" + line.substring(0, 60)).getBytes(StandardCharsets.UTF_8));
        Ingested latin1 = awaitFile("branch-asterisk", "latin1-drop.csv");
        Ingested cut = awaitFile("branch-asterisk", "cut.csv");
        assertThat(latin1.status()).isEqualTo("REFUSED");
        assertThat(latin1.reason()).isEqualTo("line 2 is not UTF-8 text; the whole file was refused");
        assertThat(cut.status()).isEqualTo("REFUSED");
        assertThat(cut.reason()).startsWith("truncated: the last line (2) ends without a newline and does not parse");
        Path errors = inbox.resolve(".error");
        await(Duration.ofSeconds(20), () -> Files.exists(errors.resolve("cut.csv.reason")) ? true : null);
        assertThat(Files.readString(errors.resolve("latin1-drop.csv.reason"))).startsWith("line 2 is not UTF-8 text");
        try (var files = Files.list(errors)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".reason")))
                    .anyMatch(n -> n.startsWith("latin1-drop.csv.")).anyMatch(n -> n.startsWith("cut.csv."));
        }
    }

    @Test
    @Order(20)
    void wildflyKilledInTheMiddleOfALargeFileStoresEveryRecordOnce() throws Exception {
        int lines = 200_000;
        String template = Files.readAllLines(FIXTURES.resolve("asterisk/valid/Master.csv")).get(0);
        StringBuilder big = new StringBuilder(lines * 260);
        for (int i = 0; i < lines; i++) {
            big.append(template.replace("1764147600.1", "big." + i)
                    .replace("9011442071234567", "90114420712" + String.format("%05d", i % 5_000))).append('\n');
        }
        Path inbox = inbox("branch-asterisk");
        drop(inbox, "big.csv", big.toString().getBytes(StandardCharsets.UTF_8));
        long fileId = await(Duration.ofSeconds(120), () -> {
            try (Connection db = database(); PreparedStatement ps = db.prepareStatement(
                    "SELECT id, lines_done FROM ingest_file WHERE file_name = 'big.csv' AND status = 'RECEIVING'")) {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(2) >= 40_000 ? rs.getLong(1) : null;
                }
            }
        });
        ProcessHandle server = wildflyProcess();
        server.destroyForcibly();
        server.onExit().get();
        long atKill = count("SELECT count(*) FROM cdr WHERE ingest_file_id = " + fileId);
        LOG.info("WildFly killed with {} of {} records of big.csv stored", atKill, lines);
        assertThat(atKill).as("killed in the middle of the file").isBetween(40_000L, lines - 1L);
        controller.kill(CONTAINER);

        controller.start(CONTAINER);
        Ingested done = await(Duration.ofSeconds(240), () -> {
            Ingested f = fileNamed("branch-asterisk", "big.csv").orElse(null);
            return f != null && f.status().equals("STORED") ? f : null;
        });
        assertThat(done.id()).as("the interrupted file resumed, not taken anew").isEqualTo(fileId);
        assertThat(done.read()).isEqualTo(lines);
        assertThat(done.stored()).isEqualTo(lines);
        assertThat(done.duplicates()).as("no line taken twice").isZero();
        assertThat(count("SELECT count(*) FROM cdr WHERE source = 'branch-asterisk' AND record_key LIKE 'big.%'"))
                .isEqualTo(lines);
        assertThat(count("SELECT count(DISTINCT line_number) FROM cdr WHERE ingest_file_id = " + fileId)).isEqualTo(lines);
        assertThat(count("SELECT count(*) FROM ingest_file WHERE file_name = 'big.csv'")).isEqualTo(1);
    }

    @Test
    @Order(30)
    void carrierRecordsAreRolledUpIntoWindowMetrics() throws Exception {
        Path demo = Path.of("..", "demo");
        assertThat(Api.putJson("carriers/carrier-b", "oscar", Files.readString(demo.resolve("carriers/carrier-b.json")))
                .status()).isEqualTo(200);
        assertThat(Api.postCsv("carriers/carrier-b/rate-deck", "oscar",
                Files.readString(demo.resolve("ratedecks/carrier-b_2026-12.csv"))).status()).isEqualTo(200);
        // Three answered calls up together from 45 s to 61 s, a busy, a no-answer and a 503; 6/6 s billing.
        String batch = """
                call_id,start_utc,from_number,to_number,billsec,sip_code
                M-1,2026-11-20T10:00:00Z,12125552001,442071234567,61,200
                M-2,2026-11-20T10:00:30Z,12125552001,442071234568,60,200
                M-3,2026-11-20T10:00:45Z,12125552001,442071234569,125,200
                M-4,2026-11-20T10:01:00Z,12125552001,442071234570,0,486
                M-5,2026-11-20T10:02:00Z,12125552001,442071234571,0,503
                M-6,2026-11-20T10:03:00Z,12125552001,442071234572,0,480
                """;
        Api.Reply pushed = Api.postCsv("ingest/sources/carrier-b/records?name=metrics-1.csv", "oscar", batch);
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(Ingested.of(pushed.json().asJsonObject()).stored()).isEqualTo(6);

        JsonObject window = await(Duration.ofSeconds(60), () -> {
            JsonObject r = Api.get("metrics?from=2026-11-20T10:00:00Z&to=2026-11-20T10:05:00Z&window=5m"
                    + "&dimension=carrier&subject=carrier-b&origin=cdr", "oscar").json().asJsonObject();
            return r.getJsonArray("windows").size() == 1 ? r.getJsonArray("windows").getJsonObject(0) : null;
        });
        assertThat(window.getString("start")).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(window.getInt("attempts")).isEqualTo(6);
        assertThat(window.getInt("answered")).isEqualTo(3);
        assertThat(window.getJsonNumber("asr").doubleValue()).isEqualTo(0.5);
        assertThat(window.getJsonNumber("ner").doubleValue()).as("answered, busy, no answer; not the 503")
                .isCloseTo(5 / 6.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(window.getJsonNumber("acdSeconds").doubleValue()).isEqualTo(82.0);
        assertThat(window.getJsonObject("failures").toString()).isEqualTo("{\"480\":1,\"486\":1,\"503\":1}");
        assertThat(window.getInt("concurrentPeak")).isEqualTo(3);
        assertThat(window.getJsonNumber("cost").bigDecimalValue())
                .as("0.015/min for 44, billed 66 + 60 + 126 s").isEqualByComparingTo("0.063");
        JsonObject hour = await(Duration.ofSeconds(30), () -> {
            javax.json.JsonArray windows = Api.get("metrics?from=2026-11-20T10:00:00Z&to=2026-11-20T11:00:00Z&window=1h"
                    + "&dimension=class&origin=cdr", "oscar").json().asJsonObject().getJsonArray("windows");
            return windows.isEmpty() ? null : windows.getJsonObject(0);
        });
        assertThat(hour.getString("subject")).isEqualTo("INTERNATIONAL");
        assertThat(hour.getInt("attempts")).isEqualTo(6);
        assertThat(hour.getInt("concurrentPeak")).isEqualTo(3);

        Api.Reply bad = Api.get("metrics?window=10m", "oscar");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().asJsonObject().getString("field")).isEqualTo("window");
        assertThat(Api.get("metrics?dimension=planet", "oscar").json().asJsonObject().getString("message"))
                .startsWith("dimension: expected one of [carrier, trunk, pbx, class]");
    }

    @Test
    @Order(31)
    void prometheusScrapesTheLastCompleteWindow() throws Exception {
        long windowMs = 300_000;
        if (windowMs - Instant.now().toEpochMilli() % windowMs < 60_000) {
            Thread.sleep(windowMs - Instant.now().toEpochMilli() % windowMs + 1_000);
        }
        Instant last = Instant.ofEpochMilli((Instant.now().toEpochMilli() / windowMs - 1) * windowMs);
        String start = last.toString().replace(".000", "").substring(0, 19) + "Z";
        String batch = "call_id,start_utc,from_number,to_number,billsec,sip_code\n"
                + "P-1," + start + ",12125552001,442071234567,30,200\n"
                + "P-2," + start + ",12125552001,442071234567,0,503\n";
        assertThat(Api.postCsv("ingest/sources/carrier-b/records?name=prometheus.csv", "oscar", batch).status()).isEqualTo(200);
        String scrape = await(Duration.ofSeconds(60), () -> {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:8080/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("no credentials needed").isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            return r.body().contains("subject=\"carrier-b\"") ? r.body() : null;
        });
        assertThat(scrape).contains("# TYPE trunkline_asr_ratio gauge")
                .contains("trunkline_asr_ratio{origin=\"cdr\",dimension=\"carrier\",subject=\"carrier-b\"} 0.500000")
                .contains("trunkline_attempts{origin=\"cdr\",dimension=\"carrier\",subject=\"carrier-b\"} 2.00000");
    }

    @Test
    @Order(40)
    void aCarriersFallingAsrRaisesOneAlertThatEscalatesAndResolves() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(13025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<String> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 18090), 0);
        webhook.createContext("/alerts", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        String table = "rulebooks/alerts/files/AlertThresholds.drl.xlsx";
        // The table names carrier A, which an upload finds in master data.
        assertThat(Api.putJson("carriers/carrier-a", "oscar", Files.readString(Path.of("..", "demo", "carriers", "carrier-a.json")))
                .status()).isEqualTo(200);
        try {
            // The analysts watch carrier A's ASR alone, escalating after 20 s without acknowledgement.
            byte[] watch = AlertThresholdsTableSource.layout().row("carrier", "carrier-a", "20", "35", "", "", "", "", "",
                    "", "", "CRITICAL", "20s", "ASR below 35 %").toXlsx();
            Api.Reply put = Api.put(table, "ana", watch, "watch carrier A's ASR");
            assertThat(put.status()).as(put.body()).isEqualTo(200);

            long w = 300_000;
            long current = Instant.now().toEpochMilli() / w * w;
            // 60 %, 40 %, 20 %: one alert at the third window, none before.
            pushWindowAndAwaitJudgement(Instant.ofEpochMilli(current - 4 * w), 30, 18);
            assertThat(asrAlerts()).as("ASR 60 %").isEmpty();
            pushWindowAndAwaitJudgement(Instant.ofEpochMilli(current - 3 * w), 30, 12);
            assertThat(asrAlerts()).as("ASR 40 %").isEmpty();
            pushWindowAndAwaitJudgement(Instant.ofEpochMilli(current - 2 * w), 30, 6);
            JsonObject raised = await(Duration.ofSeconds(30), () -> asrAlerts().isEmpty() ? null : asrAlerts().get(0));
            assertThat(raised.getString("state")).isEqualTo("OPEN");
            assertThat(raised.getString("severity")).isEqualTo("CRITICAL");
            assertThat(raised.getString("origin")).isEqualTo("cdr");
            assertThat(raised.getString("details")).startsWith("ASR 20.0 %").contains("30 calls in the window");
            long id = raised.getJsonNumber("id").longValue();
            MimeMessage raisedMail = awaitMail(smtp, "[Trunkline CRITICAL] ASR below 35 %: carrier carrier-a (raised)");
            assertThat(raisedMail.getAllRecipients()[0].toString()).isEqualTo("noc@example.com");
            assertThat(GreenMailUtil.getBody(raisedMail)).contains("Alert: #" + id + " ASR below 35 %")
                    .contains("ASR 20.0 %").contains("POST /api/v1/alerts/" + id + "/ack");
            await(Duration.ofSeconds(30), () -> hooks.stream().anyMatch(h -> h.contains("\"event\":\"RAISED\"")
                    && h.contains("\"subject\":\"carrier-a\"") && h.contains("\"id\":" + id)) ? true : null);

            // Nobody acknowledges it within 20 s: escalated, to the duty manager as well.
            JsonObject escalated = await(Duration.ofSeconds(60), () -> {
                JsonObject a = asrAlerts().get(0);
                return a.getInt("escalation") == 1 ? a : null;
            });
            assertThat(escalated.getString("state")).isEqualTo("OPEN");
            MimeMessage escalation = awaitMail(smtp, "[Trunkline CRITICAL] ASR below 35 %: carrier carrier-a (escalated)");
            assertThat(java.util.Arrays.stream(escalation.getAllRecipients()).map(Object::toString))
                    .containsExactly("noc@example.com", "duty-manager@example.com");
            await(Duration.ofSeconds(30), () -> hooks.stream().anyMatch(h -> h.contains("\"event\":\"ESCALATED\"")) ? true : null);

            Api.Reply ack = Api.post("alerts/" + id + "/ack", "oscar", null);
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);
            assertThat(ack.json().asJsonObject().getString("state")).isEqualTo("ACKNOWLEDGED");
            assertThat(ack.json().asJsonObject().getString("acknowledgedBy")).isEqualTo("oscar");
            assertThat(Api.post("alerts/" + id + "/ack", "ana", null).status()).as("analysts do not acknowledge").isEqualTo(403);

            // ASR back to 60 %: the alert closes by itself.
            pushWindowAndAwaitJudgement(Instant.ofEpochMilli(current - w), 30, 18);
            JsonObject resolved = await(Duration.ofSeconds(30), () -> {
                JsonObject a = asrAlerts().get(0);
                return a.getString("state").equals("RESOLVED") ? a : null;
            });
            assertThat(resolved.getJsonNumber("id").longValue()).isEqualTo(id);
            awaitMail(smtp, "[Trunkline CRITICAL] ASR below 35 %: carrier carrier-a (resolved)");
            await(Duration.ofSeconds(30), () -> hooks.stream().anyMatch(h -> h.contains("\"event\":\"RESOLVED\"")
                    && h.contains("\"state\":\"RESOLVED\"")) ? true : null);
            assertThat(asrAlerts()).as("exactly one alert over the four windows").hasSize(1);
            // A delivery's row is committed after its send: the webhook's receiver can see the call before it.
            JsonObject last = await(Duration.ofSeconds(30), () -> {
                JsonObject a = asrAlerts().get(0);
                return a.getJsonArray("deliveries").size() >= 6 ? a : null;
            });
            assertThat(last.getJsonArray("deliveries").stream().map(d -> d.asJsonObject().getString("event") + " "
                    + d.asJsonObject().getString("channel") + " " + d.asJsonObject().getString("outcome")))
                    .containsExactly("RAISED EMAIL delivered", "RAISED WEBHOOK delivered", "ESCALATED EMAIL delivered",
                            "ESCALATED WEBHOOK delivered", "RESOLVED EMAIL delivered", "RESOLVED WEBHOOK delivered");
        } finally {
            Api.put(table, "ana", AlertThresholdsTableSource.shipped().toXlsx(), "back to the shipped thresholds");
            webhook.stop(0);
            smtp.stop();
        }
    }

    @Test
    @Order(50)
    void anIncidentOnACarriersStatusFeedRaisesAnAlertUntilTheFeedResolvesIt() throws Exception {
        String open = Files.readString(FIXTURES.resolve("statusfeed/valid/statuspage.json"));
        String resolved = open.replace("\"status\": \"identified\"", "\"status\": \"resolved\"");
        java.util.concurrent.atomic.AtomicReference<String> body = new java.util.concurrent.atomic.AtomicReference<>(open);
        HttpServer feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 18091), 0);
        feed.createContext("/api/v2/incidents.json", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        feed.start();
        try {
            JsonObject incident = await(Duration.ofSeconds(60), () -> Api.get("alerts/incidents?carrier=carrier-c&open=true",
                    "oscar").json().asJsonArray().stream().map(JsonValue::asJsonObject).findFirst().orElse(null));
            assertThat(incident.getString("id")).isEqualTo("p31zjtct2jer");
            assertThat(incident.getString("title")).isEqualTo("Elevated call failures to UK mobile numbers");
            assertThat(incident.getString("link")).isEqualTo("https://stspg.io/p31zjtct2jer");
            JsonObject alert = await(Duration.ofSeconds(60), () -> incidentAlerts().stream()
                    .filter(a -> a.getString("state").equals("OPEN")).findFirst().orElse(null));
            assertThat(alert.getString("details")).isEqualTo("incident: Elevated call failures to UK mobile numbers");
            assertThat(alert.getString("severity")).isEqualTo("WARNING");

            body.set(resolved);
            JsonObject closed = await(Duration.ofSeconds(60), () -> {
                JsonObject a = incidentAlerts().get(0);
                return a.getString("state").equals("RESOLVED") ? a : null;
            });
            assertThat(closed.getJsonNumber("id").longValue()).isEqualTo(alert.getJsonNumber("id").longValue());
            assertThat(Api.get("alerts/incidents?carrier=carrier-c&open=true", "oscar").json().asJsonArray()).isEmpty();
            assertThat(incidentAlerts()).as("one alert for the incident").hasSize(1);
        } finally {
            feed.stop(0);
        }
    }

    private static List<JsonObject> incidentAlerts() throws Exception {
        return Api.get("alerts?limit=1000", "oscar").json().asJsonObject().getJsonArray("alerts").stream()
                .map(JsonValue::asJsonObject)
                .filter(a -> a.getString("title").equals("Carrier reports an incident") && a.getString("subject").equals("carrier-c"))
                .toList();
    }

    /** Carrier A's records of one window (Connected Y for the first {@code answered}), then one judgement after them. */
    private static void pushWindowAndAwaitJudgement(Instant window, int calls, int answered) throws Exception {
        java.time.format.DateTimeFormatter london = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
                .withZone(java.time.ZoneId.of("Europe/London"));
        StringBuilder csv = new StringBuilder("CallID,StartTime,ANI,DNIS,Seconds,Connected,Charge\n");
        for (int i = 0; i < calls; i++) {
            boolean up = i < answered;
            csv.append("W").append(window.getEpochSecond()).append('-').append(i).append(',')
                    .append(london.format(window.plusSeconds(5 + i * 8))).append(",12125552001,442071234567,")
                    .append(up ? "60" : "0").append(',').append(up ? "Y" : "N").append(",0\n");
        }
        Api.Reply pushed = Api.postCsv("ingest/sources/carrier-a/records?name=w" + window.getEpochSecond() + ".csv",
                "oscar", csv.toString());
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        String from = window.toString();
        await(Duration.ofSeconds(60), () -> {
            javax.json.JsonArray windows = Api.get("metrics?from=" + from + "&to=" + window.plusSeconds(300) + "&window=5m"
                    + "&dimension=carrier&subject=carrier-a&origin=cdr", "oscar").json().asJsonObject().getJsonArray("windows");
            return !windows.isEmpty() && windows.getJsonObject(0).getInt("attempts") == calls ? true : null;
        });
        Instant ready = Instant.now();
        await(Duration.ofSeconds(60), () -> {
            JsonValue at = Api.get("alerts", "oscar").json().asJsonObject().get("evaluatedAt");
            return at instanceof javax.json.JsonString s && Instant.parse(s.getString()).isAfter(ready) ? true : null;
        });
    }

    private static List<JsonObject> asrAlerts() throws Exception {
        return Api.get("alerts?limit=1000", "oscar").json().asJsonObject().getJsonArray("alerts").stream()
                .map(JsonValue::asJsonObject)
                .filter(a -> a.getString("title").equals("ASR below 35 %") && a.getString("subject").equals("carrier-a"))
                .toList();
    }

    private static MimeMessage awaitMail(GreenMail smtp, String subject) throws Exception {
        return await(Duration.ofSeconds(30), () -> {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (subject.equals(m.getSubject())) {
                    return m;
                }
            }
            return null;
        });
    }

    @Test
    @Order(99)
    void undeploys() throws Exception {
        Platform.undeploy();
        controller.stop(CONTAINER);
        assertThat(controller.isStarted(CONTAINER)).isFalse();
    }

    /** The WildFly started for this test: the java process running jboss-modules from the provisioned server. */
    private static ProcessHandle wildflyProcess() {
        String home = Path.of(System.getProperty("jboss.home")).toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar") && c.contains(home)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no WildFly process of " + home));
    }

    private static Ingested dropAndAwait(String source, String name, Path fixture) throws Exception {
        drop(inbox(source), name, Files.readAllBytes(fixture));
        Ingested f = awaitFile(source, name);
        assertThat(f.reconciles()).as("read = stored + quarantined + duplicates: " + f).isTrue();
        return f;
    }

    private static Ingested awaitFile(String source, String name) throws Exception {
        return await(Duration.ofSeconds(60), () -> fileNamed(source, name)
                .filter(f -> !f.status().equals("RECEIVING")).orElse(null));
    }

    private static Optional<Ingested> fileNamed(String source, String name) throws Exception {
        return Api.get("ingest/files", "oscar").json().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(f -> f.getString("source").equals(source) && f.getString("file").equals(name))
                .findFirst().map(Ingested::of);
    }

    /** What the dial plan API makes of a number: the E.164 column holds the same, or nothing for a non-E.164 result. */
    private static String normalized(String pbx, String dialed) throws Exception {
        Api.Reply r = Api.post("dialplan/normalize", "oscar", "{\"pbx\":\"" + pbx + "\",\"dialed\":\"" + dialed + "\"}");
        JsonObject n = r.json().asJsonObject();
        JsonValue result = n.get("result");
        return result instanceof javax.json.JsonString text && text.getString().startsWith("+") ? text.getString() : null;
    }

    private static Optional<Map<String, String>> cdr(String source, String key) throws Exception {
        try (Connection db = database(); PreparedStatement ps = db.prepareStatement(
                "SELECT * FROM cdr WHERE source = ? AND record_key = ?")) {
            ps.setString(1, source);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Timestamp t) {
                        v = t.toInstant();
                    } else if (v instanceof java.time.OffsetDateTime t) {
                        v = t.toInstant();
                    }
                    row.put(rs.getMetaData().getColumnName(i), v == null ? null : v.toString());
                }
                return Optional.of(row);
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection db = database(); PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
