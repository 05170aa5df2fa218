package io.trunkline.ejb.fraud.domain;

import java.util.Optional;

/**
 * The cluster's copy of the counters, one entry per subject key. The platform decides every call, so its own
 * counts are the exact ones; the copy makes them survive the loss of an edge node (each entry is backed up on
 * another node) and a restart of the platform, and lets anyone read them.
 */
public interface CounterReplica {

    /** False while the cluster is out of reach: counting goes on locally and is written once it is back. */
    boolean available();

    /**
     * The copy of a subject, when the cluster has one; waits a bounded time (it is read on the decision path), and
     * throws when the cluster does not answer within it.
     */
    Optional<byte[]> get(String subject);

    /** Writes the copies of many subjects in one batch (per partition), as the flush does. */
    void putAll(java.util.Map<String, byte[]> copies);

    /** Writes a subject's copy and waits until it is stored (and backed up). */
    void putNow(String subject, byte[] copy);

    void delete(String subject);
}
