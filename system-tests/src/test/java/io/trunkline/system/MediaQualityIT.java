package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.subsystem;
import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.RtpEngineProcess;
import io.trunkline.edge.testing.RtpPeer;
import io.trunkline.edge.testing.Sipp;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.json.JsonObject;
import javax.json.JsonValue;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Voice quality from real calls closing the loop into routing, in the real EAR: an edge node relays its calls' media
 * through Debian's rtpengine (userspace, loopback), SIPp signals as PBX and carriers, and two RTP peers send audio
 * with RTCP as phones do. hq-cucm's calls to London go to carrier A, then B, under a policy with a MOS floor of 3.8
 * (below it: LAST). One call loses every tenth packet the PBX sends: its record, carrier A's window metrics and A's
 * routing state all show it, and the next call to London goes to carrier B.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MediaQualityIT {

    private static final String CONTAINER = "wildfly";
    private static final Path DIR = Path.of("target", "media").toAbsolutePath();
    private static final Path SIPP = Path.of("..", "sip-edge", "src", "test", "resources", "sipp").toAbsolutePath();
    private static final int EDGE_SIP = 17760;
    private static final int CARRIER_A = 17761;
    private static final int CARRIER_B = 17762;
    private static final int PBX_PEER = 16900;
    private static final int CARRIER_PEER = 16910;
    private static final String NODE = "media-edge";
    /** Server properties this class adds, removed again by {@link #undeploys()}: one measured call is enough here. */
    private static final Map<String, String> PROPERTIES = Map.of("trunkline.quality.min-calls", "1");
    private static final List<Process> SIPPS = new ArrayList<>();
    private static EdgeProcess edge;
    private static RtpEngineProcess rtpengine;
    private static String lossyCall;

    @ArquillianResource
    private ContainerController controller;

    @AfterAll
    static void stopEverything() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
        if (rtpengine != null) {
            rtpengine.close();
        }
        SIPPS.forEach(Process::destroy);
    }

    @Test
    @Order(1)
    void deploysWithAnEdgeNodeWhoseMediaGoesThroughRtpengine() throws Exception {
        // SIPp appends to its message files: an earlier run's must not be read as this one's.
        if (Files.exists(DIR)) {
            try (var old = Files.walk(DIR)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
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
                                + (name.equals("carrier-a") ? CARRIER_A : CARRIER_B) + "\"");
                    }
                    Api.Reply r = Api.putJson(kind + "/" + name, "oscar", json);
                    assertThat(r.status()).as(f + ": " + r.body()).isEqualTo(200);
                }
            }
        }
        // The analysts' floor: hq-cucm's London calls to A then B, a carrier under MOS 3.8 tried last.
        DecisionTableWorkbook routing = RoutingPolicyTableSource.layout()
                .row("hq-cucm", "INTERNATIONAL", "+44", "", "carrier-a carrier-b", "", "3.8", "LAST", "", "", "", "",
                        "PRIORITY");
        for (int i = 0; i < RoutingPolicyTableSource.shipped().rowCount(); i++) {
            routing = routing.row(RoutingPolicyTableSource.shipped().rowCells(i).toArray(String[]::new));
        }
        Api.Reply r = Api.put("rulebooks/routing/files/RoutingPolicy.drl.xlsx", "ana", routing.toXlsx(), "MOS floor");
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        rtpengine = RtpEngineProcess.start(DIR, 36000, 36199);
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), DIR, NODE, EDGE_SIP, 15711,
                "127.0.0.1:15711,127.0.0.1:15712", Map.of("platform.url", "http://127.0.0.1:8080",
                        "platform.user", "edge-1", "platform.password", "edge-1",
                        "pbx.hq-cucm.sources", "127.0.0.1:17750,127.0.0.1:17751",
                        "media.rtpengine", "127.0.0.1:" + rtpengine.ng().getPort()));
        edge.awaitLog("ready", 60);
        edge.awaitLog("open for decisions", 30);
        JsonObject member = await(Duration.ofSeconds(60), () -> {
            var members = subsystem(Api.get("health", "oscar").json().asJsonObject(), "edge").getJsonArray("members");
            return members.isEmpty() ? null : members.getJsonObject(0);
        });
        assertThat(member.getString("media")).as("the health report names the node's relay")
                .isEqualTo("rtpengine 127.0.0.1:" + rtpengine.ng().getPort());
        assertThat(routes("media-premise")).as("before any measurement, A first").startsWith("carrier-a", "carrier-b");
    }

    @Test
    @Order(2)
    void aLossyCallShowsInItsRecordAndCarrierAsWindowsAndRoutingState() throws Exception {
        Process carrier = sipp("lossy-a", "-m", "1", "-sf", SIPP.resolve("uas-rtp-peer.xml").toString(), "-p",
                Integer.toString(CARRIER_A), "-key", "rtp_port", Integer.toString(CARRIER_PEER), "-trace_msg",
                "-message_file", DIR.resolve("lossy-a-messages.log").toString());
        Process pbx = sipp("lossy-pbx", "-m", "1", "-sf", SIPP.resolve("uac-rtp-peer.xml").toString(),
                "127.0.0.1:" + EDGE_SIP, "-s", "9011442071234567", "-p", "17750", "-key", "rtp_port",
                Integer.toString(PBX_PEER), "-trace_msg", "-message_file", DIR.resolve("lossy-pbx-messages.log").toString());
        String toPbx = awaitBody("lossy-pbx", "SIP/2.0 200 OK");
        String toCarrier = awaitBody("lossy-a", "INVITE sip:");
        lossyCall = await(Duration.ofSeconds(5), () -> {
            Matcher m = Pattern.compile("Call-ID: (\\S+)").matcher(Files.readString(DIR.resolve("lossy-pbx-messages.log")));
            return m.find() ? m.group(1) : null;
        });
        // Every tenth packet the PBX sends never leaves (a lossy access link); the carrier's side is clean.
        try (RtpPeer fromPbx = RtpPeer.start(PBX_PEER, new InetSocketAddress("127.0.0.1", port(toPbx)), 10);
             RtpPeer fromCarrier = RtpPeer.start(CARRIER_PEER, new InetSocketAddress("127.0.0.1", port(toCarrier)), 0)) {
            Thread.sleep(7_000);
            String seen = String.format("PBX peer sent %d to %d, got %d; carrier peer sent %d to %d, got %d",
                    fromPbx.sent(), port(toPbx), fromPbx.received(), fromCarrier.sent(), port(toCarrier),
                    fromCarrier.received());
            assertThat(fromCarrier.received()).as(seen).isPositive();
            assertThat(fromPbx.received()).as(seen).isPositive();
        }
        assertThat(Sipp.exit(pbx)).isZero();
        assertThat(Sipp.exit(carrier)).isZero();

        JsonObject ladder = await(Duration.ofSeconds(60), () -> {
            Api.Reply r = Api.get("calls/" + URLEncoder.encode(lossyCall, StandardCharsets.UTF_8), "oscar");
            return r.status() == 200 ? r.json().asJsonObject() : null;
        });
        JsonObject sent = ladder.getJsonArray("media").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("side").equals("PBX")).findFirst().orElseThrow();
        assertThat(sent.getJsonNumber("lossPct").doubleValue()).as(ladder.toString()).isBetween(9.0, 11.0);
        double mos = sent.getJsonNumber("mos").doubleValue();
        assertThat(mos).as("the relay's MOS of the lossy direction").isLessThan(3.8);

        // The window the call falls in, which need not be the last one: a call that straddles a five-minute boundary
        // leaves a later window of carrier A without media.
        JsonObject window = await(Duration.ofSeconds(60), () -> {
            Api.Reply r = Api.get("metrics?window=5m&dimension=carrier&subject=carrier-a&origin=edge", "oscar");
            var windows = r.json().asJsonObject().getJsonArray("windows");
            return windows.stream().map(JsonValue::asJsonObject).filter(w -> !w.isNull("mos"))
                    .reduce((earlier, later) -> later).orElse(null);
        });
        assertThat(window.getJsonNumber("mos").doubleValue()).as("carrier A's window: " + window).isEqualTo(mos);
        assertThat(window.getJsonNumber("lossPct").doubleValue()).isBetween(9.0, 11.0);
        assertThat(window.isNull("jitterMs")).isFalse();

        JsonObject state = await(Duration.ofSeconds(60), () -> {
            JsonObject s = Api.get("carriers/carrier-a/state", "oscar").json().asJsonObject();
            return s.isNull("mos") ? null : s;
        });
        assertThat(state.getJsonNumber("mos").doubleValue()).as("A's routing state from its measured calls")
                .isLessThan(3.8);
    }

    @Test
    @Order(3)
    void theNextCallToLondonGoesToCarrierB() throws Exception {
        assertThat(routes("media-after")).as("A is below the floor: tried last").startsWith("carrier-b", "carrier-a");
        Process b = sipp("next-b", "-m", "1", "-sn", "uas", "-p", Integer.toString(CARRIER_B), "-trace_msg",
                "-message_file", DIR.resolve("next-b-messages.log").toString());
        Process pbx = sipp("next-pbx", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE_SIP, "-s", "9011442071234568", "-p",
                "17751", "-d", "500");
        assertThat(Sipp.exit(pbx)).as("the call is answered").isZero();
        assertThat(Sipp.exit(b)).as("by carrier B").isZero();
        assertThat(Files.readString(DIR.resolve("next-b-messages.log"))).contains("INVITE sip:");
    }

    @Test
    @Order(99)
    void undeploys() throws Exception {
        // The test classes share one server configuration and database: the shipped routing table, the demo's
        // carriers and a state without this class's measurement come back; its calls go, their windows recomputed.
        Platform.removeProperties(PROPERTIES.keySet());
        Api.Reply r = Api.post("rulebooks/routing/versions/1/rollback", "ana", "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (String carrier : new String[]{"carrier-a", "carrier-b"}) {
            Path demo = Path.of("..", "demo", "carriers", carrier + ".json");
            assertThat(Api.putJson("carriers/" + carrier, "oscar", Files.readString(demo)).status()).isEqualTo(200);
            assertThat(Api.putJson("carriers/" + carrier + "/state", "oscar", "{\"up\":true}").status()).isEqualTo(200);
        }
        try (Connection c = Platform.database()) {
            // Marked in the transaction that deletes them, as the platform marks what it stores: a recompute that read
            // the windows before finds their marks raised and leaves them for the next one.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_dirty (window_start, marked_at) SELECT "
                    + "DISTINCT to_timestamp(floor(extract(epoch FROM started_at) / 300) * 300), now() FROM call_record "
                    + "WHERE node_id = ? ON CONFLICT (window_start) DO UPDATE SET mark_no = metric_dirty.mark_no + 1")) {
                ps.setString(1, NODE);
                ps.executeUpdate();
            }
            for (String sql : List.of("DELETE FROM call_attempt WHERE call_id IN (SELECT call_id FROM call_record "
                    + "WHERE node_id = ?)", "DELETE FROM call_record WHERE node_id = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, NODE);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
        Platform.undeploy();
        controller.stop(CONTAINER);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static List<String> routes(String callId) throws Exception {
        JsonObject decision = await(Duration.ofSeconds(60), () -> {
            Api.Reply r = Api.post("decisions/route", "edge-1", "{\"callId\":\"" + callId + "\",\"direction\":"
                    + "\"OUTBOUND\",\"source\":\"hq-cucm\",\"calling\":\"2000\",\"called\":\"+442071234567\"}");
            return r.status() == 200 ? r.json().asJsonObject() : null;
        });
        return decision.getJsonArray("routes").stream().map(x -> x.asJsonObject().getString("target")).toList();
    }

    private static Process sipp(String name, String... args) throws Exception {
        Process p = Sipp.start(DIR, name, args);
        SIPPS.add(p);
        return p;
    }

    /** The SDP body of the first message starting with {@code firstLine} that SIPp {@code name} received. */
    private static String awaitBody(String name, String firstLine) throws Exception {
        return await(Duration.ofSeconds(15), () -> {
            Path log = DIR.resolve(name + "-messages.log");
            if (!Files.exists(log)) {
                return null;
            }
            for (String block : Files.readString(log).split("-{20,}")) {
                int start = block.indexOf(firstLine);
                if (block.contains("message received") && start >= 0) {
                    String message = block.substring(start);
                    int crlf = message.indexOf("\r\n\r\n");
                    int lf = message.indexOf("\n\n");
                    int at = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
                    String body = at < 0 ? "" : message.substring(at);
                    return body.contains("m=audio") ? body : null;
                }
            }
            return null;
        });
    }

    private static int port(String sdp) {
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(sdp);
        assertThat(m.find()).as("an audio line in " + sdp).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
