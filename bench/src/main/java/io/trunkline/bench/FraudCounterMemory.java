package io.trunkline.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.partition.PartitionAwareKey;
import io.trunkline.contract.edge.EdgeCluster;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.fraud.domain.CounterReplica;
import io.trunkline.ejb.fraud.domain.FraudCounters;
import io.trunkline.ejb.fraud.domain.FraudJudge;
import io.trunkline.ejb.fraud.domain.FraudScreen;
import io.trunkline.ejb.fraud.infrastructure.HazelcastCounterReplica;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.fraud.FraudCheck;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory of the fraud counters after {@code CALLS} calls from {@code EXTENSIONS} distinct extensions: two Hazelcast
 * members in this JVM hold the cluster's copy as two edge nodes do (one backup, idle expiry), the platform's
 * counters screen every call with the shipped fraud rulebook and copy changed subjects every 20 ms; half the calls'
 * ends are reported (answered, spend). Prints the entries, the bytes the members hold (owned and backup), the
 * subjects held by the platform and the heap in use.
 */
public final class FraudCounterMemory {

    private static final Logger LOG = LoggerFactory.getLogger(FraudCounterMemory.class);

    private FraudCounterMemory() {
    }

    /** A member with the edge's map configuration, alone on its port (no join). */
    static HazelcastInstance member(String cluster, int port) {
        Config c = new Config();
        c.setClusterName(cluster);
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        JoinConfig join = c.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:15801", "127.0.0.1:15802"));
        c.addMapConfig(new MapConfig(EdgeCluster.FRAUD_COUNTERS_MAP).setBackupCount(1)
                .setMaxIdleSeconds(EdgeCluster.FRAUD_COUNTERS_MAX_IDLE_SECONDS));
        return Hazelcast.newHazelcastInstance(c);
    }

    /** The counters' copy in the member's map, as the platform writes it. */
    static CounterReplica replica(HazelcastInstance member) {
        IMap<PartitionAwareKey<String, Integer>, byte[]> map = member.getMap(EdgeCluster.FRAUD_COUNTERS_MAP);
        return new CounterReplica() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Optional<byte[]> get(String subject) {
                return Optional.ofNullable(map.get(HazelcastCounterReplica.key(subject)));
            }

            @Override
            public void putAll(Map<String, byte[]> copies) {
                Map<PartitionAwareKey<String, Integer>, byte[]> keyed = new java.util.HashMap<>();
                copies.forEach((subject, copy) -> keyed.put(HazelcastCounterReplica.key(subject), copy));
                map.setAll(keyed);
            }

            @Override
            public void putNow(String subject, byte[] copy) {
                map.set(HazelcastCounterReplica.key(subject), copy);
            }

            @Override
            public void delete(String subject) {
                map.delete(HazelcastCounterReplica.key(subject));
            }
        };
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int extensions = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        HazelcastInstance one = member("bench-memory", 15801);
        HazelcastInstance two = member("bench-memory", 15802);
        ClassLoader cl = Rulebook.class.getClassLoader();
        RulebookRegistry registry = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
        RulebookRegistry.Active book = registry.active(Rulebook.FRAUD);
        FraudCounters counters = new FraudCounters(replica(one), 120, 50_000);
        FraudJudge judge = new FraudJudge(counters, s -> Optional.empty(), 14_400);
        FraudScreen screen = new FraudScreen(judge);
        Random random = new Random(5);
        String[] destinations = {"+442071234567", "+33142685300", "+4930123456", "+19005550100", "+12125551234"};
        String[] classes = {"INTERNATIONAL", "INTERNATIONAL", "INTERNATIONAL", "PREMIUM", "DOMESTIC"};
        PbxId pbx = new PbxId("hq-cucm");
        ZoneId zone = ZoneId.of("America/New_York");
        long start = System.nanoTime();
        long lastFlush = start;
        for (int i = 0; i < calls; i++) {
            String ext = Integer.toString(100_000 + random.nextInt(extensions));
            int d = random.nextInt(destinations.length);
            String callId = "m-" + i;
            RouteDecision routed = new RouteDecision(callId, RouteDecision.Verdict.ROUTE, null, "bench", classes[d],
                    destinations[d], "+12125550100", List.of(), List.of(), 0, Map.of(), List.of(), Instant.now());
            RouteRequest request = new RouteRequest(callId, RouteRequest.Direction.OUTBOUND, "hq-cucm", ext, destinations[d], null);
            FraudScreen.Screened s = screen.screen(request, routed, pbx, zone, book);
            if ((i & 1) == 0) {
                FraudCheck rows = screen.rows(book, s.call(), Instant.now().atZone(zone));
                judge.ended(s.call(), rows, true, random.nextInt(10) == 0, new BigDecimal("0.0150"), Instant.now());
            }
            if (System.nanoTime() - lastFlush > 20_000_000L) {
                counters.flush(Instant.now().getEpochSecond(), 14_400);
                lastFlush = System.nanoTime();
            }
        }
        counters.flush(Instant.now().getEpochSecond(), 14_400);
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2_000);
        long entries = 0;
        long owned = 0;
        long backup = 0;
        for (HazelcastInstance m : List.of(one, two)) {
            LocalMapStats stats = m.getMap(EdgeCluster.FRAUD_COUNTERS_MAP).getLocalMapStats();
            entries += stats.getOwnedEntryCount();
            owned += stats.getOwnedEntryMemoryCost();
            backup += stats.getBackupEntryMemoryCost();
        }
        System.gc();
        Thread.sleep(500);
        Runtime rt = Runtime.getRuntime();
        LOG.info(String.format("%,d calls from %,d extensions in %.1f s (%,.0f screened calls/s, one thread)", calls,
                extensions, seconds, calls / seconds));
        LOG.info(String.format("cluster copy: %,d entries, %,d bytes owned + %,d bytes backup = %.1f MB over two members "
                + "(%.0f bytes per entry with its backup)", entries, owned, backup, (owned + backup) / 1e6,
                (owned + backup) / (double) Math.max(1, entries)));
        LOG.info(String.format("platform: %,d subjects held locally (at most 50,000, the rest dropped once copied); heap in "
                + "use after GC %.0f MB", counters.localSubjects(), (rt.totalMemory() - rt.freeMemory()) / 1e6));
        one.shutdown();
        two.shutdown();
    }
}
