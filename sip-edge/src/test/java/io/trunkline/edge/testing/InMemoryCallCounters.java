package io.trunkline.edge.testing;

import io.trunkline.edge.cluster.CallCounters;
import io.trunkline.edge.cluster.ChannelKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Channel counters of a one-node cluster, in memory. */
public final class InMemoryCallCounters implements CallCounters {

    private final Map<ChannelKey, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean tryAcquire(ChannelKey key, int limit) {
        if (limit > 0 && count(key) >= limit) {
            return false;
        }
        counts.merge(key, 1, Integer::sum);
        return true;
    }

    @Override
    public synchronized void release(ChannelKey key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    @Override
    public int count(ChannelKey key) {
        return counts.getOrDefault(key, 0);
    }
}
