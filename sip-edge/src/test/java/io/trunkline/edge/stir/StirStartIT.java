package io.trunkline.edge.stir;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.edge.testing.EdgeProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node from the jar, given a key store whose key is not its certificate's: it does not start, and says why. */
class StirStartIT {

    @TempDir
    Path dir;

    @Test
    void aNodeWithAMismatchedSigningKeyRefusesToStartNamingTheKeyStore() throws Exception {
        TestPki pki = new TestPki("start");
        Path mismatched = TestPki.store(dir.resolve("edge-stir.p12"), "secret", "shaken", TestPki.keys().getPrivate(),
                pki.issue("edge", TestPki.keys()), pki.ca);
        EdgeProcess edge = EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "stir-edge", 17680, 17780,
                "127.0.0.1:17780", Map.of("stir.sign.keystore", mismatched.toString(), "stir.sign.keystore-password",
                        "secret", "stir.sign.x5u", "https://sti.example.com/edge.pem"));
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (edge.alive() && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(edge.alive()).as("the node stopped: " + edge.log()).isFalse();
            assertThat(edge.log()).contains("invalid configuration", mismatched.toString(), "does not match");
            assertThat(edge.log()).doesNotContain("ready");
        } finally {
            edge.close();
        }
    }
}
