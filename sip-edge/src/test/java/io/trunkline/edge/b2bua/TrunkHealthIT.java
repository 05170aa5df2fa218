package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.edge.testing.DecisionServer;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPTIONS probes mark a carrier trunk down when it stops answering and up when it answers again; a call
 * skips the down trunk at once, and each change is journaled as an event.
 */
class TrunkHealthIT {

    static final int EDGE = 17460;
    static final int PBX = 17450;
    static final int CARRIER_A = 17461;
    static final int CARRIER_B = 17462;

    @TempDir
    static Path dir;
    static DecisionServer platform;
    static EdgeProcess edge;

    @BeforeAll
    static void start() throws Exception {
        platform = DecisionServer.start(body -> new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test",
                "DOMESTIC", "+12125551234", "+12125552001", List.of(
                new Route("carrier-a", Route.Kind.CARRIER, "sip:+12125551234@127.0.0.1:" + CARRIER_A, "+12125552001", null, "USD", "1"),
                new Route("carrier-b", Route.Kind.CARRIER, "sip:+12125551234@127.0.0.1:" + CARRIER_B, "+12125552001", null, "USD", "2")),
                List.of(503), 2000, Map.of(), List.of(), Instant.now()));
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "probing-edge", EDGE, 17741,
                "127.0.0.1:17741", Map.of(
                        "platform.url", platform.url(),
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX,
                        "carrier.carrier-a.probe-uri", "sip:ping@127.0.0.1:" + CARRIER_A,
                        "trunk.probe-interval-ms", "300",
                        "trunk.probe-timeout-ms", "250",
                        "trunk.down-after", "2",
                        "trunk.up-after", "1"));
        edge.awaitLog("ready", 60);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void unansweredProbesTakeATrunkDownAndCallsSkipIt() throws Exception {
        String options = Path.of("src/test/resources/sipp/uas-options.xml").toAbsolutePath().toString();
        // The trunk answers two probes, then goes quiet: two unanswered probes take it down.
        assertThat(Sipp.exit(Sipp.start(dir, "trunk-a-answers", "-sf", options, "-p", Integer.toString(CARRIER_A), "-m", "2"))).isZero();
        // Counted from here: probes sent before SIPp bound its port may have taken the trunk down once already.
        edge.awaitMore("trunk carrier-a is DOWN", edge.count("trunk carrier-a is DOWN"), 20);

        Process carrierB = Sipp.start(dir, "carrier-b", "-sn", "uas", "-p", Integer.toString(CARRIER_B), "-m", "1");
        assertThat(Sipp.exit(Sipp.start(dir, "pbx", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "92125551234", "-p", Integer.toString(PBX),
                "-m", "1", "-d", "200"))).isZero();
        assertThat(Sipp.exit(carrierB)).as("carrier B took the call").isZero();
        edge.awaitLog("route 1 (carrier-a) skipped: trunk down", 5);
        assertThat(edge.log()).as("no INVITE to the down trunk, so no wait for its attempt timeout")
                .doesNotContain("no answer from route 1");

        // Answering again brings it back up.
        int ups = edge.count("trunk carrier-a is UP");
        Process back = Sipp.start(dir, "trunk-a-back", "-sf", options, "-p", Integer.toString(CARRIER_A), "-m", "1");
        assertThat(Sipp.exit(back)).isZero();
        edge.awaitMore("trunk carrier-a is UP", ups, 10);

        String journal = Files.readString(dir.resolve("journal").resolve("probing-edge.journal"));
        assertThat(journal).contains("TRUNK {\"trunk\":\"carrier-a\",\"up\":false")
                .contains("TRUNK {\"trunk\":\"carrier-a\",\"up\":true");
    }
}
