package io.trunkline.ejb.fraud.infrastructure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.trunkline.contract.edge.EdgeCluster;
import io.trunkline.ejb.platform.infrastructure.EdgeClusterClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The counters' copy against a real (single, embedded) member of a cluster configured as the edge's. */
class HazelcastCounterReplicaTest {

    /** A read's wait here: what is tested is where copies land and that they read back, not a decision's 50 ms. */
    private static final long READ_WAIT_MS = 10_000;

    private static HazelcastInstance member;
    private static HazelcastCounterReplica replica;

    @BeforeAll
    static void startMember() {
        Config c = new Config();
        c.setClusterName("counter-replica-test");
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.getNetworkConfig().setPort(0).getJoin().getMulticastConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        c.addMapConfig(new MapConfig(EdgeCluster.FRAUD_COUNTERS_MAP).setBackupCount(1)
                .setMaxIdleSeconds(EdgeCluster.FRAUD_COUNTERS_MAX_IDLE_SECONDS));
        member = Hazelcast.newHazelcastInstance(c);
        replica = new HazelcastCounterReplica(new EdgeClusterClient() {
            @Override
            public Optional<HazelcastInstance> instance() {
                return Optional.of(member);
            }
        }, READ_WAIT_MS);
    }

    @AfterAll
    static void stopMember() {
        member.shutdown();
    }

    @Test
    void aFlushOfManySubjectsLandsInAFewPartitionsAndEachReadsBack() {
        Map<String, byte[]> copies = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            copies.put("ext|pbx-" + (i % 7) + "|" + (1000 + i), ("copy-" + i).getBytes(StandardCharsets.UTF_8));
        }
        replica.putAll(copies);

        Set<Integer> partitions = new HashSet<>();
        for (String subject : copies.keySet()) {
            partitions.add(member.getPartitionService().getPartition(HazelcastCounterReplica.key(subject))
                    .getPartitionId());
            assertArrayEquals(copies.get(subject), replica.get(subject).orElseThrow(), subject);
        }
        assertTrue(partitions.size() <= HazelcastCounterReplica.PARTITION_GROUPS,
                "1,000 subjects spread over " + partitions.size() + " partitions");
        assertTrue(partitions.size() > 1, "the groups spread the copies over more than one partition");
        assertEquals(1_000, member.getMap(EdgeCluster.FRAUD_COUNTERS_MAP).size());
    }

    @Test
    void aSubjectWrittenNowIsReadAndADeletedOneIsGone() {
        replica.putNow("pbx|cucm-lon", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, replica.get("pbx|cucm-lon").orElseThrow());
        replica.delete("pbx|cucm-lon");
        assertTrue(replica.get("pbx|cucm-lon").isEmpty());
        assertTrue(replica.get("never|written").isEmpty());
    }
}
