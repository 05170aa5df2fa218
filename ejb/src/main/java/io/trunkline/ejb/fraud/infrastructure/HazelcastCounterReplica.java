package io.trunkline.ejb.fraud.infrastructure;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionAwareKey;
import io.trunkline.contract.edge.EdgeCluster;
import io.trunkline.ejb.fraud.domain.CounterReplica;
import io.trunkline.ejb.platform.infrastructure.EdgeClusterClient;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;

/**
 * The counters' cluster copy in the edge cluster's map {@link EdgeCluster#FRAUD_COUNTERS_MAP}, written through the
 * platform's client: plain byte values (the edge nodes need none of the platform's classes), one backup on another
 * node (a node killed loses none), idle entries expiring on the members. Each subject's key carries one of
 * {@link #PARTITION_GROUPS} partition keys, so a flush's batch is a handful of partition operations (with their
 * backups) instead of one per subject: the platform is the map's only writer and reads one key at a time.
 */
@Dependent
public class HazelcastCounterReplica implements CounterReplica {

    /** How long a decision waits for a subject's copy before it counts from zero. */
    static final long READ_TIMEOUT_MS = 50;

    /**
     * How many partitions the copies are spread over. A flush of 100 ms at 400 decisions/s changes about a hundred
     * subjects, which as plain keys land in as many partitions: each a remote operation and a backup on the members.
     */
    public static final int PARTITION_GROUPS = 8;

    private final EdgeClusterClient cluster;
    private final long readTimeoutMs;

    @Inject
    public HazelcastCounterReplica(EdgeClusterClient cluster) {
        this(cluster, READ_TIMEOUT_MS);
    }

    /** With another wait for a read than a decision's {@link #READ_TIMEOUT_MS}. */
    HazelcastCounterReplica(EdgeClusterClient cluster, long readTimeoutMs) {
        this.cluster = cluster;
        this.readTimeoutMs = readTimeoutMs;
    }

    private Optional<IMap<PartitionAwareKey<String, Integer>, byte[]>> map() {
        return cluster.instance().map((HazelcastInstance h) -> h.getMap(EdgeCluster.FRAUD_COUNTERS_MAP));
    }

    @Override
    public boolean available() {
        return cluster.instance().isPresent();
    }

    /**
     * Waits at most {@link #READ_TIMEOUT_MS} (as built for decisions) for the copy: a decision must not wait on a sick
     * cluster (the client's own invocation timeout is two minutes, and a member that stopped answering is only
     * declared dead after its heartbeat timeout).
     */
    @Override
    public Optional<byte[]> get(String subject) {
        Optional<IMap<PartitionAwareKey<String, Integer>, byte[]>> map = map();
        if (map.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(map.get().getAsync(key(subject)).toCompletableFuture()
                    .get(readTimeoutMs, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the edge cluster within " + readTimeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the edge cluster", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("edge cluster read failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void putAll(java.util.Map<String, byte[]> copies) {
        java.util.Map<PartitionAwareKey<String, Integer>, byte[]> keyed = new java.util.HashMap<>(copies.size() * 2);
        copies.forEach((subject, copy) -> keyed.put(key(subject), copy));
        map().ifPresent(m -> m.setAll(keyed));
    }

    @Override
    public void putNow(String subject, byte[] copy) {
        map().ifPresent(m -> m.set(key(subject), copy));
    }

    @Override
    public void delete(String subject) {
        map().ifPresent(m -> m.delete(key(subject)));
    }

    /** The map key of a subject's copy: the subject, placed by its group (the hash of the subject). */
    public static PartitionAwareKey<String, Integer> key(String subject) {
        return new PartitionAwareKey<>(subject, Math.floorMod(subject.hashCode(), PARTITION_GROUPS));
    }
}
