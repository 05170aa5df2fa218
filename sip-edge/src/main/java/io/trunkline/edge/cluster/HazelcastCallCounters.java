package io.trunkline.edge.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.trunkline.contract.edge.EdgeCluster;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cluster-wide call counters without Hazelcast's CP subsystem (licensed since 5.5): one entry per key
 * and node ({@code key@node}) in the {@value #MAP} map (backed up). Only its node writes an entry, so the
 * node keeps its own counts and writes each entry's absolute value (or deletes it at zero): a write that
 * Hazelcast retries while partitions migrate after a member's death (it may run twice) leaves the same value,
 * where an increment run twice would count a call that never ends. A node's entries are its own calls, so
 * when a node leaves the cluster its entries are removed by the survivors: its calls are gone with it. The
 * limit check reads every node's entry for the key and then counts one more on this node's: two nodes may
 * both pass at the limit's edge at the same instant (the overshoot is at most one call per node), which SBCs
 * accept for channel limits.
 */
public final class HazelcastCallCounters implements CallCounters {

    public static final String MAP = "active-calls";
    private final IMap<String, Integer> map;
    private final HazelcastInstance hazelcast;
    private final String node;
    /** This node's counts, the authority for its entries; guarded by {@link #local}. */
    private final Map<String, Integer> mine = new HashMap<>();
    private final Lock local = new ReentrantLock();

    public HazelcastCallCounters(HazelcastInstance hazelcast, String node) {
        this.hazelcast = hazelcast;
        this.node = node;
        this.map = hazelcast.getMap(MAP);
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // a new node starts with no calls
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String gone = event.getMember().getAttribute(EdgeCluster.NODE_ID_ATTRIBUTE);
                if (gone != null) {
                    forget(gone);
                }
            }
        });
    }

    /**
     * Removes a departed node's entries, and again over the next seconds: entries whose primary copy was on
     * that node come back from their backups while the partitions migrate, after a first removal ran.
     */
    private void forget(String gone) {
        Thread cleaner = new Thread(() -> {
            for (long delay : new long[]{0, 1_000, 2_000, 4_000, 8_000}) {
                try {
                    Thread.sleep(delay);
                    map.removeAll(e -> e.getKey().endsWith("@" + gone));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // the cluster is shutting down or still migrating: the next pass tries again
                }
            }
        }, "forget-" + gone);
        cleaner.setDaemon(true);
        cleaner.start();
    }

    @Override
    public boolean tryAcquire(ChannelKey key, int limit) {
        local.lock();
        try {
            if (limit > 0 && count(key) >= limit) {
                return false;
            }
            write(key, mine.merge(key.value(), 1, Integer::sum));
            return true;
        } finally {
            local.unlock();
        }
    }

    @Override
    public void release(ChannelKey key) {
        local.lock();
        try {
            Integer n = mine.computeIfPresent(key.value(), (k, v) -> v <= 1 ? null : v - 1);
            write(key, n == null ? 0 : n);
        } finally {
            local.unlock();
        }
    }

    /** This node's entry for {@code key} set to {@code n}, removed at zero. Holds {@link #local}. */
    private void write(ChannelKey key, int n) {
        if (n <= 0) {
            map.delete(key.value() + "@" + node);
        } else {
            map.set(key.value() + "@" + node, n);
        }
    }

    @Override
    public int count(ChannelKey key) {
        Set<String> keys = new HashSet<>();
        for (Member m : hazelcast.getCluster().getMembers()) {
            String id = m.getAttribute(EdgeCluster.NODE_ID_ATTRIBUTE);
            if (id != null) {
                keys.add(key.value() + "@" + id);
            }
        }
        int total = 0;
        for (Map.Entry<String, Integer> e : map.getAll(keys).entrySet()) {
            total += e.getValue();
        }
        return total;
    }
}
