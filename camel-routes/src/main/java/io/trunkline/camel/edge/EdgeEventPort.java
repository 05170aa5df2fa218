package io.trunkline.camel.edge;

import io.trunkline.contract.events.EdgeEvents;

/** Where the platform keeps what the edge nodes report. */
public interface EdgeEventPort {

    /**
     * Stores a batch in one transaction, each event once whatever how often it comes (by event id); returns
     * how many were new. Throws when the batch was not stored, so that the node sends it again.
     */
    int store(EdgeEvents.Batch batch);
}
