package io.trunkline.system;

import static io.trunkline.system.Platform.await;
import static io.trunkline.system.Platform.database;
import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.SipProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The edge's attack defence seen from the platform, in the real EAR with two real edge nodes (SIP 15490 and
 * 15491; cluster 15711 and 15712, the members the test server's client is configured with): a ban an edge node
 * makes is listed by the API and audited, lifting it through the API ends it on every node and is audited,
 * bad parameters are 400 naming the parameter, a user without the ops role 403. The scanner sends from 127.0.0.5.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeSecurityIT {

    private static final String CONTAINER = "wildfly";
    private static final int[] SIP = {15490, 15491};
    private static final String SCANNER = "127.0.0.5";
    private static final List<EdgeProcess> EDGES = new ArrayList<>();

    @ArquillianResource
    private ContainerController controller;

    @AfterAll
    static void stopEdges() throws InterruptedException {
        for (EdgeProcess e : EDGES) {
            e.close();
        }
    }

    @Test
    @Order(1)
    void deploysBesideTwoEdgeNodes() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "security-edges"));
        Path jar = Path.of(System.getProperty("edge.jar"));
        String members = "127.0.0.1:15711,127.0.0.1:15712";
        EDGES.add(EdgeProcess.start(jar, dir, "sec-sys-edge-1", SIP[0], 15711, members));
        EDGES.add(EdgeProcess.start(jar, dir, "sec-sys-edge-2", SIP[1], 15712, members));
        controller.start(CONTAINER);
        Platform.deploy();
        for (EdgeProcess e : EDGES) {
            e.awaitLog("ready", 60);
        }
        // The bans API answers once the platform's client is connected to the edge cluster.
        JsonObject bans = await(Duration.ofSeconds(90), () -> {
            Api.Reply r = Api.get("security/bans", "oscar");
            return r.status() == 200 ? r.json().asJsonObject() : null;
        });
        assertThat(bans.getJsonArray("bans")).isEmpty();
    }

    @Test
    @Order(2)
    void aBanMadeByAnEdgeNodeIsListedAndAudited() throws Exception {
        assertThat(SipProbe.options(SCANNER, SIP[1], "Linphone/5.2")).as("answered before any ban").contains("200");
        assertThat(SipProbe.options(SCANNER, SIP[0], "friendly-scanner")).as("the scanner's first request").isNull();

        JsonObject ban = await(Duration.ofSeconds(30), () -> {
            Api.Reply r = Api.get("security/bans", "oscar");
            return r.json().asJsonObject().getJsonArray("bans").stream().map(JsonValue::asJsonObject)
                    .filter(b -> b.getString("source").equals(SCANNER)).findFirst().orElse(null);
        });
        assertThat(ban.getString("rule")).isEqualTo("scanner");
        assertThat(ban.getString("node")).isEqualTo("sec-sys-edge-1");
        // The other node learns of the ban from the cluster, asynchronously: within seconds it drops the source.
        await(Duration.ofSeconds(10), () -> SipProbe.options(SCANNER, SIP[1], "Linphone/5.2") == null ? true : null);

        // The SECURITY event reaches the platform with the node's other events and is audited once.
        String audited = await(Duration.ofSeconds(90), () -> audit("SOURCE_BAN"));
        assertThat(audited).startsWith("sec-sys-edge-1|").contains("scanner");
    }

    @Test
    @Order(3)
    void liftingABanThroughTheApiEndsItOnEveryNodeAndIsAudited() throws Exception {
        Api.Reply lifted = Api.delete("security/bans/" + SCANNER + "?reason=test%20phone%20not%20a%20scanner", "oscar");
        assertThat(lifted.status()).isEqualTo(200);
        assertThat(lifted.body()).contains("\"lifted\":true").contains("\"rule\":\"scanner\"");
        for (EdgeProcess e : EDGES) {
            e.awaitLog("ban of " + SCANNER + " lifted", 10);
        }
        assertThat(SipProbe.options(SCANNER, SIP[0], "Linphone/5.2")).contains("200");
        assertThat(SipProbe.options(SCANNER, SIP[1], "Linphone/5.2")).contains("200");
        assertThat(Api.get("security/bans", "oscar").json().asJsonObject().getJsonArray("bans")).isEmpty();
        assertThat(audit("SOURCE_LIFT")).isEqualTo("oscar|test phone not a scanner");
        assertThat(Api.delete("security/bans/" + SCANNER + "?reason=again", "oscar").status())
                .as("no longer banned").isEqualTo(404);
    }

    @Test
    @Order(4)
    void badParametersAre400NamingThemAndOtherRoles403() throws Exception {
        Api.Reply notAnAddress = Api.delete("security/bans/scanner.example?reason=x", "oscar");
        assertThat(notAnAddress.status()).isEqualTo(400);
        assertThat(notAnAddress.json().asJsonObject().getString("field")).isEqualTo("source");
        Api.Reply noReason = Api.delete("security/bans/" + SCANNER, "oscar");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().asJsonObject().getString("field")).isEqualTo("reason");
        assertThat(Api.get("security/bans", "ana").status()).isEqualTo(403);
        assertThat(Api.delete("security/bans/" + SCANNER + "?reason=x", "ana").status()).isEqualTo(403);
    }

    /**
     * An ops engineer's upgrade without a restart: the EAR deployed again into the running server, beside live edge
     * nodes. The deployment before it must leave nothing loaded (its threads end, no container thread keeps its
     * classes), or every redeployment adds its ~9,600 classes to Metaspace until the server fails with
     * {@code OutOfMemoryError: Metaspace}; and the new one must take up the edge nodes' events again.
     */
    @Test
    @Order(5)
    void aRedeploymentUnloadsTheDeploymentBeforeIt() throws Exception {
        long before = Platform.unloadedClassesAfterCollection();
        Platform.deploy();
        long unloaded = await(Duration.ofSeconds(60), () -> {
            long n = Platform.unloadedClassesAfterCollection() - before;
            return n >= 5_000 ? n : null;
        });
        assertThat(unloaded).isGreaterThanOrEqualTo(5_000);
        JsonObject health = await(Duration.ofSeconds(90), () -> {
            JsonObject h = Api.get("health", "oscar").json().asJsonObject();
            long active = Platform.subsystem(h, "edge").getJsonArray("members").stream()
                    .map(m -> m.asJsonObject().getJsonObject("events").getString("state"))
                    .filter("ACTIVE"::equals).count();
            return active == EDGES.size() ? h : null;
        });
        assertThat(health.getString("status")).isEqualTo("UP");
    }

    @Test
    @Order(99)
    void undeploys() throws Exception {
        Platform.undeploy();
        controller.stop(CONTAINER);
        assertThat(controller.isStarted(CONTAINER)).isFalse();
    }

    /** The last audit row of {@code action} for the scanner, {@code actor|reason}; null while there is none. */
    private static String audit(String action) throws Exception {
        try (Connection c = database();
             PreparedStatement ps = c.prepareStatement("SELECT actor, reason FROM security_audit WHERE action = ? "
                     + "AND subject = ? ORDER BY id DESC")) {
            ps.setString(1, action);
            ps.setString(2, SCANNER);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + "|" + rs.getString(2) : null;
            }
        }
    }
}
