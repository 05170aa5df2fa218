package io.trunkline.edge.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.trunkline.contract.edge.EdgeCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cluster-wide call counters without Hazelcast's CP subsystem (licensed since 5.5): one entry per key
 * and node ({@code key@node}) in the {@value #MAP} map (backed up), written only by its node.
 *
 * <p>A call's hot path makes no remote call. Each node counts its own calls in memory, the authority for its
 * entries, and publishes the keys that changed every {@code flushEvery} (one asynchronous set per key, a remove at zero); it
 * learns the other nodes' entries from the map's entry events and keeps them beside its own. A limit check is its
 * own count plus the others' as last published: another node's calls are seen within one flush interval plus the
 * event's delivery (a few ms on a LAN), so nodes admitting calls on the same key in that window may together
 * overshoot a limit by the calls they admitted in it (bounded: at most {@code rate × flushEvery} per node, one or
 * two calls at the default 20 ms), which SBCs accept for channel limits. Writing absolute values keeps a write
 * that Hazelcast retries while partitions migrate harmless (an increment run twice would count a call that never
 * ends). A node's entries are its own calls, so when a node leaves the cluster its entries are removed by the
 * survivors, and every node publishes all its counts again and re-reads the others' every
 * {@value #RESYNC_SECONDS} s, so an entry lost with a partition or an event missed heals without a restart.
 */
public final class HazelcastCallCounters implements CallCounters, AutoCloseable {

    public static final String MAP = "active-calls";
    public static final Duration DEFAULT_FLUSH = Duration.ofMillis(20);
    static final int RESYNC_SECONDS = 10;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HazelcastCallCounters.class);

    private final HazelcastInstance hazelcast;
    private final IMap<String, Integer> map;
    private final String node;
    private final String suffix;
    /** This node's counts, the authority for its entries, and the keys changed since the last flush; under {@link #local}. */
    private final Map<String, Integer> mine = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Lock local = new ReentrantLock();
    /** The other nodes' published counts: key → node → count. */
    private final Map<String, Map<String, Integer>> others = new ConcurrentHashMap<>();
    private final ScheduledExecutorService publisher;
    private final UUID listener;
    private final UUID members;

    public HazelcastCallCounters(HazelcastInstance hazelcast, String node) {
        this(hazelcast, node, DEFAULT_FLUSH);
    }

    public HazelcastCallCounters(HazelcastInstance hazelcast, String node, Duration flushEvery) {
        this(hazelcast, node, flushEvery, Duration.ofSeconds(RESYNC_SECONDS));
    }

    HazelcastCallCounters(HazelcastInstance hazelcast, String node, Duration flushEvery, Duration resyncEvery) {
        this.hazelcast = hazelcast;
        this.node = node;
        this.suffix = "@" + node;
        this.map = hazelcast.getMap(MAP);
        this.listener = map.addEntryListener(new Others(), true);
        this.members = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // a new node starts with no calls
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String gone = event.getMember().getAttribute(EdgeCluster.NODE_ID_ATTRIBUTE);
                if (gone != null && !gone.equals(node)) {
                    others.values().forEach(byNode -> byNode.remove(gone));
                    forget(gone);
                }
            }
        });
        readOthers();
        this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "call-counters");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, flushEvery.toMillis());
        publisher.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
        publisher.scheduleWithFixedDelay(this::resync, resyncEvery.toMillis(), resyncEvery.toMillis(), TimeUnit.MILLISECONDS);
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
                    others.values().forEach(byNode -> byNode.remove(gone));
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
        String k = key.value();
        local.lock();
        try {
            int own = mine.getOrDefault(k, 0);
            if (limit > 0 && own + othersOf(k) >= limit) {
                return false;
            }
            mine.put(k, own + 1);
            dirty.add(k);
            return true;
        } finally {
            local.unlock();
        }
    }

    @Override
    public void release(ChannelKey key) {
        String k = key.value();
        local.lock();
        try {
            // The last call on the key removes it: a node's counts hold only the keys it has calls on.
            mine.computeIfPresent(k, (x, v) -> v <= 1 ? null : v - 1);
            dirty.add(k);
        } finally {
            local.unlock();
        }
    }

    @Override
    public int count(ChannelKey key) {
        String k = key.value();
        local.lock();
        try {
            return mine.getOrDefault(k, 0) + othersOf(k);
        } finally {
            local.unlock();
        }
    }

    private int othersOf(String key) {
        Map<String, Integer> byNode = others.get(key);
        if (byNode == null) {
            return 0;
        }
        int total = 0;
        for (int n : byNode.values()) {
            total += n;
        }
        return total;
    }

    /** Publishes the counts changed since the last flush: absolute values, removed at zero. */
    void flush() {
        Map<String, Integer> set = new HashMap<>();
        List<String> delete = new java.util.ArrayList<>();
        local.lock();
        try {
            if (dirty.isEmpty()) {
                return;
            }
            for (String k : dirty) {
                Integer n = mine.get(k);
                if (n == null) {
                    delete.add(k + suffix);
                } else {
                    set.put(k + suffix, n);
                }
            }
            dirty.clear();
        } finally {
            local.unlock();
        }
        try {
            // One operation per changed key, sent together: a flush changes a few keys, for which setAll would
            // still address every partition of the map.
            List<java.util.concurrent.CompletableFuture<?>> sent = new java.util.ArrayList<>(set.size() + delete.size());
            set.forEach((k, n) -> sent.add(map.setAsync(k, n).toCompletableFuture()));
            delete.forEach(k -> sent.add(map.removeAsync(k).toCompletableFuture()));
            java.util.concurrent.CompletableFuture.allOf(sent.toArray(new java.util.concurrent.CompletableFuture[0]))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // The cluster is migrating or shutting down: mark them again for the next flush.
            local.lock();
            try {
                set.keySet().forEach(k -> dirty.add(k.substring(0, k.length() - suffix.length())));
                delete.forEach(k -> dirty.add(k.substring(0, k.length() - suffix.length())));
            } finally {
                local.unlock();
            }
            LOG.debug("call counters not published yet: {}", e.toString());
        }
    }

    /** Publishes every count of this node again and re-reads the others': heals a lost entry or a missed event. */
    private void resync() {
        local.lock();
        try {
            dirty.addAll(mine.keySet());
        } finally {
            local.unlock();
        }
        flush();
        try {
            for (String k : map.keySet()) {
                if (k.endsWith(suffix) && !isMine(k)) {
                    map.delete(k); // a count of this node that reached zero while its delete was lost
                }
            }
            readOthers();
        } catch (RuntimeException e) {
            LOG.debug("call counters not re-read: {}", e.toString());
        }
    }

    private boolean isMine(String entry) {
        String k = entry.substring(0, entry.length() - suffix.length());
        local.lock();
        try {
            return mine.containsKey(k);
        } finally {
            local.unlock();
        }
    }

    private void readOthers() {
        Map<String, Map<String, Integer>> read = new HashMap<>();
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            String[] kn = split(e.getKey());
            if (kn != null && !kn[1].equals(node)) {
                read.computeIfAbsent(kn[0], x -> new ConcurrentHashMap<>()).put(kn[1], e.getValue());
            }
        }
        others.keySet().retainAll(read.keySet());
        read.forEach((k, byNode) -> {
            Map<String, Integer> held = others.computeIfAbsent(k, x -> new ConcurrentHashMap<>());
            held.keySet().retainAll(byNode.keySet());
            held.putAll(byNode);
        });
    }

    /** {@code key@node} as {key, node}; null for an entry of another shape. */
    private static String[] split(String entry) {
        int at = entry.lastIndexOf('@');
        return at <= 0 || at == entry.length() - 1 ? null : new String[]{entry.substring(0, at), entry.substring(at + 1)};
    }

    /** Keeps the other nodes' published counts as their entries change. */
    private final class Others implements EntryAddedListener<String, Integer>, EntryUpdatedListener<String, Integer>,
            EntryRemovedListener<String, Integer> {

        @Override
        public void entryAdded(EntryEvent<String, Integer> event) {
            put(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, Integer> event) {
            put(event.getKey(), event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, Integer> event) {
            String[] kn = split(event.getKey());
            if (kn != null && !kn[1].equals(node)) {
                Map<String, Integer> byNode = others.get(kn[0]);
                if (byNode != null) {
                    byNode.remove(kn[1]);
                }
            }
        }

        private void put(String entry, Integer n) {
            String[] kn = split(entry);
            if (kn != null && !kn[1].equals(node) && n != null) {
                others.computeIfAbsent(kn[0], x -> new ConcurrentHashMap<>()).put(kn[1], n);
            }
        }
    }

    @Override
    public void close() {
        publisher.shutdownNow();
        try {
            map.removeEntryListener(listener);
            hazelcast.getCluster().removeMembershipListener(members);
        } catch (RuntimeException e) {
            // the cluster is already gone
        }
    }
}
