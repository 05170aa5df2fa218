package io.trunkline.edge.security;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recognises an extension sweep (SIPVicious {@code svwar}, REGISTER/OPTIONS/INVITE to one user after another):
 * more than {@code users} distinct request-URI users from one unknown source within a window. Each source holds
 * at most {@code users + 1} names and is forgotten when its window is over.
 */
public final class SweepDetector {

    private final long windowMs;
    private final int users;
    private final ConcurrentHashMap<String, Sweep> sources = new ConcurrentHashMap<>();
    private final AtomicLong lastPurge = new AtomicLong();

    private static final class Sweep {
        long start;
        final Set<String> users = new HashSet<>();
    }

    public SweepDetector(long windowMs, int users) {
        if (windowMs <= 0 || users <= 0) {
            throw new IllegalArgumentException("window and users must be positive");
        }
        this.windowMs = windowMs;
        this.users = users;
    }

    /** Notes that {@code source} addressed {@code user}; true when that makes it a sweep. */
    public boolean seen(String source, String user, long nowMs) {
        purge(nowMs);
        Sweep s = sources.computeIfAbsent(source, k -> new Sweep());
        synchronized (s) {
            if (s.users.isEmpty() || nowMs - s.start >= windowMs) {
                s.users.clear();
                s.start = nowMs;
            }
            if (s.users.size() <= users) {
                s.users.add(user == null ? "" : user);
            }
            return s.users.size() > users;
        }
    }

    /** Sources held now. */
    public int size() {
        return sources.size();
    }

    private void purge(long nowMs) {
        long last = lastPurge.get();
        if (nowMs - last < windowMs || !lastPurge.compareAndSet(last, nowMs)) {
            return;
        }
        sources.values().removeIf(s -> {
            synchronized (s) {
                return nowMs - s.start >= windowMs;
            }
        });
    }
}
