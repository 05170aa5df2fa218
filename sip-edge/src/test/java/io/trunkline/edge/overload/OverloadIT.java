package io.trunkline.edge.overload;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.edge.testing.DecisionServer;
import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real edge node driven into overload by SIPp: the platform stand-in answers one decision at a time and slowly,
 * so calls pile up in setup beyond the node's (deliberately low) limit; the excess INVITEs must be answered 503 with
 * Retry-After, the calls admitted must complete, and once the platform is quick again and the load has stopped the
 * node must admit every call.
 */
class OverloadIT {

    static final int EDGE = 17660;
    static final int PBX = 17650;
    static final int PBX_AFTER = 17651;
    static final int CARRIER = 17661;
    static final AtomicLong DECISION_MS = new AtomicLong();

    @TempDir
    static Path dir;
    static DecisionServer platform;
    static EdgeProcess edge;
    static Process carrier;

    @BeforeAll
    static void start() throws Exception {
        platform = DecisionServer.start(body -> {
            try {
                Thread.sleep(DECISION_MS.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new RouteDecision("x", RouteDecision.Verdict.ROUTE, null, "test", "INTERNATIONAL", "+442071234567",
                    "+12125552001", List.of(new Route("carrier-a", Route.Kind.CARRIER,
                    "sip:+442071234567@127.0.0.1:" + CARRIER, "+12125552001", null, "USD", "test route")),
                    List.of(503), 2000, Map.of(), List.of(), Instant.now());
        });
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "busy-edge", EDGE, 17761,
                "127.0.0.1:17761", Map.of(
                        "platform.url", platform.url(),
                        // Decisions may take long here: the platform must still decide the calls admitted.
                        "platform.timeout-ms", "5000",
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX + ",127.0.0.1:" + PBX_AFTER,
                        "overload.max-calls-in-setup", "5",
                        "overload.decision-p95-ms", "100",
                        "overload.retry-after", "3"));
        edge.awaitLog("ready", 60);
        // It serves both runs of the test and the wait between them.
        carrier = Sipp.start(dir, "carrier", 180, "-sn", "uas", "-p", Integer.toString(CARRIER));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (carrier != null) {
            carrier.destroy();
        }
        if (edge != null) {
            edge.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** The PBX's calls from a run in {@code run}: one "answer;ms;at" or "refusal;ms;at;Retry-After: s" line each. */
    private static List<String> outcomes(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            Path log = files.filter(f -> f.getFileName().toString().endsWith("_logs.log")).findFirst().orElseThrow();
            return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Places {@code calls} calls at {@code rate}/s from PBX port {@code port} with the scenario that accepts a 503. */
    private static Path pbx(String name, int port, int rate, int calls) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.copy(Path.of(Sipp.scenario("uac-overload.xml")), run.resolve("uac-overload.xml"));
        int code = Sipp.exit(Sipp.start(run, name, "-sf", "uac-overload.xml", "127.0.0.1:" + EDGE, "-s", "442071234567",
                "-p", Integer.toString(port), "-r", Integer.toString(rate), "-m", Integer.toString(calls), "-d", "200",
                "-trace_logs"));
        assertThat(code).as("every call either answered and hung up or refused: " + edge.log()).isZero();
        return run;
    }

    @Test
    void excessCallsAre503WithRetryAfterAdmittedOnesCompleteAndTheNodeAdmitsAgainAfterTheLoad() throws Exception {
        DECISION_MS.set(200);
        // 20 calls/s against a platform that decides 5 a second, one at a time: setups pile up beyond 5.
        List<String> lines = outcomes(pbx("overload", PBX, 20, 100));
        List<String> refused = lines.stream().filter(l -> l.startsWith("refusal;")).toList();
        List<String> answered = lines.stream().filter(l -> l.startsWith("answer;")).toList();
        assertThat(refused.size() + answered.size()).as("one outcome per call").isEqualTo(100);
        assertThat(refused).as("the excess is refused").hasSizeGreaterThan(20)
                .allSatisfy(l -> assertThat(l).endsWith(";Retry-After: 3"));
        assertThat(answered).as("the calls admitted complete").hasSizeGreaterThanOrEqualTo(5);
        assertThat(edge.log()).contains("overloaded (");

        // The platform is quick again and the load has stopped: within the window and the recovery time the node
        // admits every call again.
        DECISION_MS.set(0);
        edge.awaitLog("overload over", 30);
        assertThat(outcomes(pbx("after", PBX_AFTER, 5, 10))).hasSize(10).allSatisfy(l -> assertThat(l).startsWith("answer;"));
    }
}
