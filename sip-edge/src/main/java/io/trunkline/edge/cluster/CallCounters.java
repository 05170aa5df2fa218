package io.trunkline.edge.cluster;

/** Calls in progress per carrier (or PBX), counted across every node of the cluster. */
public interface CallCounters {

    /** Counts one more call on {@code key} if that stays within {@code limit} (0: no limit); false otherwise. */
    boolean tryAcquire(ChannelKey key, int limit);

    void release(ChannelKey key);

    /** Calls in progress on {@code key}, all nodes together. */
    int count(ChannelKey key);
}
