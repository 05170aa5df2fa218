package io.trunkline.edge.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.testing.EdgeProcess;
import io.trunkline.edge.testing.Sipp;
import java.nio.file.Path;
import java.util.Map;
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
        edge.awaitLog("ready", 60);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
    }



    @Test
    void fallbackRoutesTheCallAndEmergencyStillRoutes() throws Exception {
        Process carrier = Sipp.start(dir, "fallback-carrier", "-m", "1", "-sn", "uas", "-p", Integer.toString(FALLBACK_CARRIER));
        assertThat(Sipp.exit(Sipp.start(dir, "pbx-call", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "92125551234", "-p", Integer.toString(PBX),
                "-d", "300"))).as("ordinary call via the fallback route").isZero();
        assertThat(Sipp.exit(carrier)).isZero();

        Process gateway = Sipp.start(dir, "e911-gateway", "-m", "1", "-sn", "uas", "-p", Integer.toString(EMERGENCY_GATEWAY));
        assertThat(Sipp.exit(Sipp.start(dir, "pbx-911", "-m", "1", "-sn", "uac", "127.0.0.1:" + EDGE, "-s", "911", "-p", Integer.toString(PBX),
                "-d", "300"))).as("911 via the edge's own emergency route").isZero();
        assertThat(Sipp.exit(gateway)).isZero();
        edge.awaitLog("by STATIC_EMERGENCY", 5);
        assertThat(edge.log()).contains("by FALLBACK");
    }
}
