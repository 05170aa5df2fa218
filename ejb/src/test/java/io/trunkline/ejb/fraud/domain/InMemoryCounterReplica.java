package io.trunkline.ejb.fraud.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The cluster's copy as a map, with a switch for the cluster being out of reach. */
final class InMemoryCounterReplica implements CounterReplica {

    final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    volatile boolean up = true;

    @Override
    public boolean available() {
        return up;
    }

    @Override
    public Optional<byte[]> get(String subject) {
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
