package io.trunkline.ejb.fraud.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The cluster's copy as a map, with a switch for the cluster being out of reach. */
final class InMemoryCounterReplica implements CounterReplica {

    final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    volatile boolean up = true;
    /** A cluster that is connected but does not answer in time: every read fails, as the bounded read then does. */
    volatile boolean silent;
    final AtomicInteger reads = new AtomicInteger();
    /** Run inside every read once the copy is taken, and inside every batch write before it is stored. */
    volatile Runnable duringRead = () -> { };
    volatile Runnable duringWrite = () -> { };

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
        Optional<byte[]> copy = Optional.ofNullable(entries.get(subject));
        duringRead.run();
        return copy;
    }

    @Override
    public void putAll(Map<String, byte[]> copies) {
        duringWrite.run();
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
