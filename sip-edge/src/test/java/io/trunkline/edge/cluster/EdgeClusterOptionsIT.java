package io.trunkline.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.trunkline.contract.edge.EdgeCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import io.trunkline.edge.testing.EdgeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two edge nodes started from the real jar form a cluster, answer a SIPp OPTIONS probe on UDP and TCP,
 * and the survivor notices when the other is killed with SIGKILL.
 */
class EdgeClusterOptionsIT {

    private static final int[] SIP_PORTS = {15080, 15081};
    private static final int[] CLUSTER_PORTS = {15701, 15702};
    private static final String MEMBERS = "127.0.0.1:15701,127.0.0.1:15702";

    @TempDir
    Path dir;

    private final List<EdgeProcess> nodes = new ArrayList<>();
    private HazelcastInstance client;

    @AfterEach
    void stopAll() {
        if (client != null) {
            client.shutdown();
        }
        for (EdgeProcess node : nodes) {
            try {
                node.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void twoNodesFormAClusterAndAnswerOptions() throws Exception {
        nodes.add(startNode(1));
        nodes.add(startNode(2));

        client = connectClient();
        await(() -> client.getCluster().getMembers().size() == 2, Duration.ofSeconds(60), "two members");
        Set<String> nodeIds = client.getCluster().getMembers().stream()
                .map(m -> m.getAttribute(EdgeCluster.NODE_ID_ATTRIBUTE)).collect(Collectors.toSet());
        assertThat(nodeIds).containsExactlyInAnyOrder("it-edge-1", "it-edge-2");
        for (Member m : client.getCluster().getMembers()) {
            assertThat(m.getAttribute(EdgeCluster.SIP_ADDRESS_ATTRIBUTE)).matches("127\\.0\\.0\\.1:1508[01]");
        }

        for (int port : SIP_PORTS) {
            await(() -> log(port == SIP_PORTS[0] ? 1 : 2).contains("ready"), Duration.ofSeconds(30), "node ready");
            assertThat(sippOptions(port, "u1", 16100 + port % 100)).as("SIPp OPTIONS over UDP to %d", port).isZero();
            assertThat(sippOptions(port, "t1", 16200 + port % 100)).as("SIPp OPTIONS over TCP to %d", port).isZero();
        }

        nodes.get(1).kill();
        await(() -> log(1).contains("edge node left: it-edge-2"), Duration.ofSeconds(40), "node 1 logs node 2 leaving");
        assertThat(sippOptions(SIP_PORTS[0], "u1", 16300)).as("survivor still answers").isZero();
    }

    private EdgeProcess startNode(int n) throws IOException {
        return EdgeProcess.start(Path.of(System.getProperty("edge.jar")), dir, "it-edge-" + n, SIP_PORTS[n - 1],
                CLUSTER_PORTS[n - 1], MEMBERS);
    }

    private String log(int n) {
        return nodes.get(n - 1).log();
    }

    private static HazelcastInstance connectClient() {
        ClientConfig cc = new ClientConfig();
        cc.setClusterName(EdgeCluster.DEFAULT_CLUSTER_NAME);
        cc.setProperty("hazelcast.logging.type", "none");
        cc.getNetworkConfig().addAddress(MEMBERS.split(","));
        cc.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(60_000);
        return HazelcastClient.newHazelcastClient(cc);
    }

    private int sippOptions(int port, String transport, int localPort) throws Exception {
        Path scenario = Path.of("src/test/resources/sipp/options.xml").toAbsolutePath();
        Process sipp = new ProcessBuilder("sipp", "-sf", scenario.toString(), "127.0.0.1:" + port,
                "-t", transport, "-p", Integer.toString(localPort), "-i", "127.0.0.1",
                "-m", "3", "-l", "1", "-timeout", "20s", "-timeout_error", "-nostdin")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp-" + port + "-" + transport + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!sipp.waitFor(60, TimeUnit.SECONDS)) {
            sipp.destroyForcibly();
            return -1;
        }
        return sipp.exitValue();
    }

    private static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
