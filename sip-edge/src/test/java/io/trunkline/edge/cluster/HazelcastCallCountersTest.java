package io.trunkline.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.trunkline.contract.edge.EdgeCluster;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real Hazelcast members in this JVM share the counters: each node counts in memory and publishes, the other
 * sees the counts within the flush interval; the survivor repairs them when one dies.
 */
class HazelcastCallCountersTest {

    private static final ChannelKey X = ChannelKey.carrier(new io.trunkline.contract.telecom.CarrierId("carrier-x"));
    private static final ChannelKey Y = ChannelKey.carrier(new io.trunkline.contract.telecom.CarrierId("carrier-y"));
    private static final ChannelKey URI = ChannelKey.uri("sip:fallback@192.0.2.7:5060");

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

    /** Waits up to 5 s for {@code value} to read {@code expected}; returns what it read last. */
    private static int settle(IntSupplier value, int expected) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        int v = value.getAsInt();
        while (v != expected && System.nanoTime() < end) {
            Thread.sleep(5);
            v = value.getAsInt();
        }
        return v;
    }

    @Test
    void limitsHoldAcrossNodesOnceCountsArePublishedAndADeadNodesCallsAreForgotten() throws InterruptedException {
        one = member("n1", 17801);
        two = member("n2", 17802);
        HazelcastCallCounters n1 = new HazelcastCallCounters(one, "n1");
        HazelcastCallCounters n2 = new HazelcastCallCounters(two, "n2");

        assertThat(n1.tryAcquire(X, 3)).isTrue();
        assertThat(n1.tryAcquire(X, 3)).isTrue();
        assertThat(n1.count(X)).as("a node's own calls count at once").isEqualTo(2);
        long published = System.nanoTime();
        assertThat(settle(() -> n2.count(X), 2)).as("n1's calls seen by n2").isEqualTo(2);
        assertThat((System.nanoTime() - published) / 1_000_000).as("within the documented bound, in ms")
                .isLessThan(5_000);
        assertThat(n2.tryAcquire(X, 3)).isTrue();
        assertThat(n2.tryAcquire(X, 3)).as("the third call fills the carrier, whichever node has it").isFalse();
        assertThat(settle(() -> n1.count(X), 3)).isEqualTo(3);
        assertThat(n1.tryAcquire(X, 3)).as("n1 sees n2's call too").isFalse();
        n2.release(X);
        assertThat(settle(() -> n1.count(X), 2)).isEqualTo(2);
        assertThat(n1.tryAcquire(X, 3)).isTrue();
        assertThat(settle(() -> n2.count(X), 3)).isEqualTo(3);
        assertThat(n2.tryAcquire(Y, 0)).as("no limit").isTrue();
        assertThat(n1.tryAcquire(URI, 0)).as("a route's URI holds an @ of its own").isTrue();
        assertThat(settle(() -> n2.count(URI), 1)).isEqualTo(1);

        one.getLifecycleService().terminate();
        long end = System.nanoTime() + 20_000_000_000L;
        while (n2.count(X) != 0 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(n2.count(X)).as("n1's three calls went with n1").isZero();
        assertThat(n2.count(URI)).isZero();
        assertThat(n2.count(Y)).isEqualTo(1);
        n2.close();
    }

    @Test
    void aNodesEntryHoldsItsOwnCountAndGoesAtZeroHoweverOftenItIsReleased() throws InterruptedException {
        one = member("n1", 17801);
        HazelcastCallCounters n1 = new HazelcastCallCounters(one, "n1");
        IMap<String, Integer> map = one.getMap(HazelcastCallCounters.MAP);

        assertThat(n1.tryAcquire(X, 0)).isTrue();
        assertThat(n1.tryAcquire(X, 0)).isTrue();
        assertThat(settle(() -> map.getOrDefault(X.value() + "@n1", 0), 2)).as("the absolute count, written by its node")
                .isEqualTo(2);
        n1.release(X);
        assertThat(settle(() -> map.getOrDefault(X.value() + "@n1", 0), 1)).isEqualTo(1);
        n1.release(X);
        n1.release(X);
        assertThat(settle(() -> map.containsKey(X.value() + "@n1") ? 1 : 0, 0))
                .as("gone at zero; a release too many does not go below").isZero();
        assertThat(n1.count(X)).isZero();
        assertThat(n1.tryAcquire(X, 1)).isTrue();
        assertThat(n1.tryAcquire(X, 1)).as("the limit counts from zero again").isFalse();
        n1.close();
    }

    @Test
    void aLostEntryIsPublishedAgainAndAStaleOneRemoved() throws InterruptedException {
        one = member("n1", 17801);
        HazelcastCallCounters n1 = new HazelcastCallCounters(one, "n1", Duration.ofMillis(20), Duration.ofMillis(300));
        IMap<String, Integer> map = one.getMap(HazelcastCallCounters.MAP);
        assertThat(n1.tryAcquire(X, 0)).isTrue();
        assertThat(settle(() -> map.getOrDefault(X.value() + "@n1", 0), 1)).isEqualTo(1);

        map.delete(X.value() + "@n1"); // as if lost with a partition
        map.set(Y.value() + "@n1", 4); // as if a delete at zero was lost
        assertThat(settle(() -> map.getOrDefault(X.value() + "@n1", 0), 1)).as("published again").isEqualTo(1);
        assertThat(settle(() -> map.containsKey(Y.value() + "@n1") ? 1 : 0, 0)).as("n1 holds no call on Y").isZero();
        n1.close();
    }
}
