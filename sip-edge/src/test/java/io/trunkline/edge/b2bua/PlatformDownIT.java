package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.testing.EdgeProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the platform unreachable the fallback routes calls, and an emergency call still routes. */
class PlatformDownIT {

    static final int EDGE = 17160;
    static final int PBX = 17150;
    static final int FALLBACK_CARRIER = 17162;
    static final int EMERGENCY_GATEWAY = 17163;

    @TempDir
    static Path dir;
    static EdgeProcess edge;

    @BeforeAll
    static void start() throws Exception {
        edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "lonely-edge", EDGE, 17711,
                "127.0.0.1:17711", Map.of(
                        "platform.url", "http://127.0.0.1:9",
                        "fallback.routes", "sip:127.0.0.1:" + FALLBACK_CARRIER,
                        "emergency.routes", "sip:127.0.0.1:" + EMERGENCY_GATEWAY,
                        "emergency.numbers", "911,112",
                        "pbx.hq-cucm.sources", "127.0.0.1:" + PBX));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!edge.log().contains("ready") && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertThat(edge.log()).contains("ready");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
    }

    private static Process sipp(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-i", "127.0.0.1", "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin"));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    private static int exit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Test
    void fallbackRoutesTheCallAndEmergencyStillRoutes() throws Exception {
        Process carrier = sipp("fallback-carrier", "-sn", "uas", "-p", Integer.toString(FALLBACK_CARRIER));
        assertThat(exit(sipp("pbx-call", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "92125551234", "-p", Integer.toString(PBX),
                "-d", "300"))).as("ordinary call via the fallback route").isZero();
        assertThat(exit(carrier)).isZero();

        Process gateway = sipp("e911-gateway", "-sn", "uas", "-p", Integer.toString(EMERGENCY_GATEWAY));
        assertThat(exit(sipp("pbx-911", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "911", "-p", Integer.toString(PBX),
                "-d", "300"))).as("911 via the edge's own emergency route").isZero();
        assertThat(exit(gateway)).isZero();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!edge.log().contains("by STATIC_EMERGENCY") && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(edge.log()).contains("by FALLBACK").contains("by STATIC_EMERGENCY");
    }
}
