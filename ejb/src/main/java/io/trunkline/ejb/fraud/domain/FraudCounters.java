package io.trunkline.ejb.fraud.domain;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    private final CounterReplica replica;
    private final long keepSeconds;
    private final int maxLocalSubjects;
    private final Map<String, SubjectCounters> local = new ConcurrentHashMap<>();

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
        return local.computeIfAbsent(key, k -> load(k, second));
    }

    private SubjectCounters load(String key, long second) {
        if (replica.available()) {
            try {
                Optional<byte[]> copy = replica.get(key);
                if (copy.isPresent()) {
                    return SubjectCounters.decode(copy.get(), second);
                }
            } catch (RuntimeException e) {
                LOG.warn("fraud counters of {} not read from the cluster, counting from zero: {}", key, e.toString());
            }
        }
        return new SubjectCounters();
    }

    /** Writes every changed subject to the cluster's copy and drops clean subjects unused for a while. */
    public int flush(long second, long maxCallSeconds) {
        if (!replica.available()) {
            return 0;
        }
        int written = 0;
        for (Map.Entry<String, SubjectCounters> e : local.entrySet()) {
            byte[] copy = e.getValue().takeDirty(second, maxCallSeconds);
            if (copy != null) {
                try {
                    replica.put(e.getKey(), copy);
                    written++;
                } catch (RuntimeException ex) {
                    e.getValue().markDirty();
                    LOG.warn("fraud counters of {} not written to the cluster: {}", e.getKey(), ex.toString());
                }
            }
        }
        boolean crowded = local.size() > maxLocalSubjects;
        for (Iterator<Map.Entry<String, SubjectCounters>> it = local.entrySet().iterator(); it.hasNext(); ) {
            SubjectCounters s = it.next().getValue();
            if (!s.isDirty() && (crowded || s.lastUsedSecond() < second - keepSeconds)) {
                it.remove();
            }
        }
        return written;
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

    /** Forgets every counter of the subject, here and in the cluster's copy. */
    public void reset(String key) {
        local.remove(key);
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
