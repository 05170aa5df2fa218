package io.trunkline.ejb.fraud.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The cluster's copy as a map, with a switch for the cluster being out of reach. */
final class InMemoryCounterReplica implements CounterReplica {

    final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    volatile boolean up = true;
    /** A cluster that is connected but does not answer in time: every read fails, as the bounded read then does. */
    volatile boolean silent;
    final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public boolean available() {
        return up;
    }

    @Override
    public Optional<byte[]> get(String subject) {
        reads.incrementAndGet();
        if (silent) {
            throw new IllegalStateException("no answer from the edge cluster within 50 ms");
        }
        return Optional.ofNullable(entries.get(subject));
    }

    @Override
    public void putAll(Map<String, byte[]> copies) {
        copies.forEach(this::putNow);
    }

    @Override
    public void putNow(String subject, byte[] copy) {
        entries.put(subject, copy.clone());
    }

    @Override
    public void delete(String subject) {
        entries.remove(subject);
    }
}
