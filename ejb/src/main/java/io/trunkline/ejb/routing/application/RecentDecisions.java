package io.trunkline.ejb.routing.application;

import io.trunkline.contract.routing.RouteDecision;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The most recent decisions by call id, bounded: the oldest decision is forgotten once the capacity is reached.
 * Safe for many request threads at once (a find reads without a lock); a plain object, so the decision path keeps a
 * decision without a call through the container.
 */
public final class RecentDecisions {

    /** Call ids in arrival order, as a ring: the slot a new decision takes names the one it evicts. */
    private final String[] ring;
    private long written;
    private final Map<String, RouteDecision> recent;

    public RecentDecisions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        ring = new String[capacity];
        recent = new ConcurrentHashMap<>(capacity * 2);
    }

    /**
     * Keeps a decision, evicting the oldest once full. The slot and the map change together, under one lock: with the
     * map changed after it, a thread could evict a call whose decision another thread had not put yet, and that
     * decision would then stay in the map for good.
     */
    public void keep(RouteDecision decision) {
        synchronized (ring) {
            int slot = (int) (written++ % ring.length);
            String evicted = ring[slot];
            ring[slot] = decision.callId();
            if (evicted != null && !evicted.equals(decision.callId())) {
                recent.remove(evicted);
            }
            recent.put(decision.callId(), decision);
        }
    }

    public Optional<RouteDecision> find(String callId) {
        return Optional.ofNullable(recent.get(callId));
    }

    public int size() {
        return recent.size();
    }
}
