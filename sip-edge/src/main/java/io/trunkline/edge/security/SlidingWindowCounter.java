package io.trunkline.edge.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests per key over a sliding window, estimated from the current and the previous fixed window (the count
 * of the previous one weighted by how much of it the sliding window still covers), as Kamailio {@code pike}
 * samples per source. Two numbers per key; keys idle for two windows are dropped, so memory follows the sources
 * sending now.
 */
public final class SlidingWindowCounter {

    private final long windowMs;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong lastPurge = new AtomicLong();

    private static final class Window {
        long start;
        long current;
        long previous;
    }

    public SlidingWindowCounter(long windowMs) {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("window must be positive, was " + windowMs);
        }
        this.windowMs = windowMs;
    }

    /** Counts one request of {@code key} at {@code nowMs}; the estimated count over the last window, this one included. */
    public long hit(String key, long nowMs) {
        purge(nowMs);
        Window w = windows.computeIfAbsent(key, k -> {
            Window fresh = new Window();
            fresh.start = nowMs;
            return fresh;
        });
        synchronized (w) {
            long elapsed = nowMs - w.start;
            if (elapsed >= windowMs) {
                long windowsPassed = elapsed / windowMs;
                w.previous = windowsPassed == 1 ? w.current : 0;
                w.current = 0;
                w.start += windowsPassed * windowMs;
                elapsed = nowMs - w.start;
            }
            w.current++;
            return w.current + w.previous * (windowMs - elapsed) / windowMs;
        }
    }

    /** Keys held now. */
    public int size() {
        return windows.size();
    }

    private void purge(long nowMs) {
        long last = lastPurge.get();
        if (nowMs - last < windowMs || !lastPurge.compareAndSet(last, nowMs)) {
            return;
        }
        windows.values().removeIf(w -> {
            synchronized (w) {
                return nowMs - w.start >= 2 * windowMs;
            }
        });
    }
}
