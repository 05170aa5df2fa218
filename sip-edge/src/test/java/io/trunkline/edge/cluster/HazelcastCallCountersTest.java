package io.trunkline.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.trunkline.contract.edge.EdgeCluster;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two real Hazelcast members in this JVM share the counters; the survivor repairs them when one dies. */
class HazelcastCallCountersTest {

    private static final ChannelKey X = ChannelKey.carrier(new io.trunkline.contract.telecom.CarrierId("carrier-x"));
    private static final ChannelKey Y = ChannelKey.carrier(new io.trunkline.contract.telecom.CarrierId("carrier-y"));

    private HazelcastInstance one;
    private HazelcastInstance two;

    private static HazelcastInstance member(String node, int port) {
        Config c = new Config();
        c.setClusterName("counters-test");
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.getMemberAttributeConfig().setAttribute(EdgeCluster.NODE_ID_ATTRIBUTE, node);
        c.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
                .setMembers(List.of("127.0.0.1:17801", "127.0.0.1:17802"));
        return Hazelcast.newHazelcastInstance(c);
    }

    @AfterEach
    void stop() {
        Hazelcast.shutdownAll();
    }

    @Test
    void limitsHoldAcrossNodesAndADeadNodesCallsAreForgotten() throws InterruptedException {
        one = member("n1", 17801);
        two = member("n2", 17802);
        CallCounters n1 = new HazelcastCallCounters(one, "n1");
        CallCounters n2 = new HazelcastCallCounters(two, "n2");

        assertThat(n1.tryAcquire(X, 3)).isTrue();
        assertThat(n1.tryAcquire(X, 3)).isTrue();
        assertThat(n2.tryAcquire(X, 3)).isTrue();
        assertThat(n2.tryAcquire(X, 3)).as("the third call fills the carrier, whichever node has it").isFalse();
        assertThat(n1.count(X)).isEqualTo(3);
        n2.release(X);
        assertThat(n1.tryAcquire(X, 3)).isTrue();
        assertThat(n2.count(X)).isEqualTo(3);
        assertThat(n2.tryAcquire(Y, 0)).as("no limit").isTrue();

        one.getLifecycleService().terminate();
        long end = System.nanoTime() + 20_000_000_000L;
        while (n2.count(X) != 0 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(n2.count(X)).as("n1's three calls went with n1").isZero();
        assertThat(n2.count(Y)).isEqualTo(1);
    }

    @Test
    void aNodesEntryHoldsItsOwnCountAndGoesAtZeroHoweverOftenItIsReleased() {
        one = member("n1", 17801);
        HazelcastCallCounters n1 = new HazelcastCallCounters(one, "n1");
        com.hazelcast.map.IMap<String, Integer> map = one.getMap(HazelcastCallCounters.MAP);

        assertThat(n1.tryAcquire(X, 0)).isTrue();
        assertThat(n1.tryAcquire(X, 0)).isTrue();
        assertThat(map.get(X.value() + "@n1")).as("the absolute count, written by its node").isEqualTo(2);
        n1.release(X);
        assertThat(map.get(X.value() + "@n1")).isEqualTo(1);
        n1.release(X);
        n1.release(X);
        assertThat(map.containsKey(X.value() + "@n1")).as("gone at zero; a release too many does not go below").isFalse();
        assertThat(n1.count(X)).isZero();
        assertThat(n1.tryAcquire(X, 1)).isTrue();
        assertThat(n1.tryAcquire(X, 1)).as("the limit counts from zero again").isFalse();
    }
}
