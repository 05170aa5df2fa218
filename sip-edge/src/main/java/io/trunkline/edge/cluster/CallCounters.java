package io.trunkline.edge.cluster;

/** Calls in progress per carrier (or PBX), counted across every node of the cluster. */
public interface CallCounters {

    /** Counts one more call on {@code subject} if that stays within {@code limit} (0: no limit); false otherwise. */
    boolean tryAcquire(String subject, int limit);

    void release(String subject);

    /** Calls in progress on {@code subject}, all nodes together. */
    int count(String subject);
}
