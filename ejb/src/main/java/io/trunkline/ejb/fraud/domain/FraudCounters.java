package io.trunkline.ejb.fraud.domain;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters as the deciding platform holds them: every subject it has counted lately, exact (each subject's
 * counts under its own lock), written to the cluster's copy by {@link #flush} every few milliseconds, so the copy
 * lags by at most one flush interval. A subject not held locally is read from the copy first, so counts survive a
 * restart of the platform; subjects unused for {@code keepSeconds} are dropped locally once written (the copy keeps
 * them until idle for longer than the longest window), so local memory follows the subjects calling now.
 */
public final class FraudCounters {

    private static final Logger LOG = LoggerFactory.getLogger(FraudCounters.class);
    /** At most one warning this often about copies not read (each decision may meet one while the cluster is sick). */
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final CounterReplica replica;
    private final long keepSeconds;
    private final int maxLocalSubjects;
    private final Map<String, SubjectCounters> local = new ConcurrentHashMap<>();
    /** Subjects used since the last flush: the only ones a flush looks at. */
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final LongAdder unread = new LongAdder();
    private final AtomicLong lastUnreadWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private long lastSweepSecond;

    /**
     * @param keepSeconds      how long a subject nobody counted stays in local memory after its copy was written
     * @param maxLocalSubjects above this many, clean subjects are dropped at the next flush whatever their age
     */
    public FraudCounters(CounterReplica replica, long keepSeconds, int maxLocalSubjects) {
        this.replica = replica;
        this.keepSeconds = keepSeconds;
        this.maxLocalSubjects = maxLocalSubjects;
    }

    /** The subject's counters, read from the cluster's copy when not held here. */
    public SubjectCounters subject(String key, long second) {
        SubjectCounters held = local.get(key);
        if (held != null) {
            return held;
        }
        // Read outside the map's lock: a slow read must not hold up other subjects hashed to the same bin. Two
        // decisions loading one subject at once keep the first copy stored (neither has counted on its own yet).
        SubjectCounters loaded = load(key, second);
        SubjectCounters raced = local.putIfAbsent(key, loaded);
        return raced != null ? raced : loaded;
    }

    private SubjectCounters load(String key, long second) {
        if (replica.available()) {
            try {
                Optional<byte[]> copy = replica.get(key);
                if (copy.isPresent()) {
                    return SubjectCounters.decode(copy.get(), second);
                }
            } catch (RuntimeException e) {
                unread.increment();
                long now = System.nanoTime();
                long last = lastUnreadWarning.get();
                if (now - last >= WARN_EVERY_NANOS && lastUnreadWarning.compareAndSet(last, now)) {
                    LOG.warn("fraud counters of {} not read from the cluster, counting from zero ({} subjects so far): {}",
                            key, unread.sum(), e.toString());
                }
            }
        }
        return new SubjectCounters();
    }

    /**
     * Writes the subjects changed since the last flush to the cluster's copy (only those: the flush costs what was
     * counted, not what is held), and once a second drops clean subjects unused for a while.
     */
    public synchronized int flush(long second, long maxCallSeconds) {
        if (!replica.available()) {
            return 0;
        }
        Map<String, byte[]> copies = new HashMap<>();
        Map<String, SubjectCounters> taken = new HashMap<>();
        for (Iterator<String> keys = used.iterator(); keys.hasNext(); ) {
            String key = keys.next();
            keys.remove();
            SubjectCounters s = local.get(key);
            byte[] copy = s == null ? null : s.takeDirty(second, maxCallSeconds);
            if (copy != null) {
                copies.put(key, copy);
                taken.put(key, s);
            }
        }
        if (!copies.isEmpty()) {
            try {
                // One batch: a call per subject would cost a round trip each (and Hazelcast's async calls a thread
                // each on a two-core machine, where its common pool has no parallelism).
                replica.putAll(copies);
            } catch (RuntimeException ex) {
                taken.forEach((key, s) -> {
                    s.markDirty();
                    used.add(key);
                });
                LOG.warn("fraud counters of {} subjects not written to the cluster: {}", copies.size(), ex.toString());
                return 0;
            }
        }
        int written = copies.size();
        if (second != lastSweepSecond) {
            lastSweepSecond = second;
            boolean crowded = local.size() > maxLocalSubjects;
            for (Iterator<Map.Entry<String, SubjectCounters>> it = local.entrySet().iterator(); it.hasNext(); ) {
                SubjectCounters s = it.next().getValue();
                if (!s.isDirty() && (crowded || s.lastUsedSecond() < second - keepSeconds)) {
                    it.remove();
                }
            }
        }
        return written;
    }

    /** Says a subject was changed (after the change): the next flush writes it. */
    public void changed(String key) {
        used.add(key);
    }

    /** The subject as the cluster holds it, after writing what this platform counted: what survives a node. */
    public Optional<SubjectCounters> fromCluster(String key, long second, long maxCallSeconds) {
        SubjectCounters held = local.get(key);
        if (held != null && replica.available()) {
            byte[] copy = held.takeDirty(second, maxCallSeconds);
            if (copy != null) {
                replica.putNow(key, copy);
            }
        }
        if (!replica.available()) {
            return Optional.ofNullable(held);
        }
        return replica.get(key).map(bytes -> SubjectCounters.decode(bytes, second));
    }

    /**
     * Forgets every counter of the subject, here and in the cluster's copy, so that the old counts cannot come back:
     * the subject is replaced by an empty one rather than removed, so a decision reading the old copy from the
     * cluster at this moment finds the empty one held when it returns and counts there; and the reset takes the
     * flush's lock, so a copy taken before it is not written after it. A decision that took the subject before the
     * reset and counts after it counts on the forgotten one: the reset wins.
     */
    public synchronized void reset(String key) {
        local.put(key, new SubjectCounters());
        if (replica.available()) {
            replica.delete(key);
        }
    }

    public boolean clusterAvailable() {
        return replica.available();
    }

    public int localSubjects() {
        return local.size();
    }
}
