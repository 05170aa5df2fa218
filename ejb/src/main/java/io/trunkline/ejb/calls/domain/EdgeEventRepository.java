package io.trunkline.ejb.calls.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Where delivered events and call records are kept (in the caller's transaction). */
public interface EdgeEventRepository {

    /** Those of the ids already stored. */
    Set<String> storedAmong(Collection<String> eventIds);

    /** Stores new events of a node, with the call records among them. */
    void store(String node, List<StoredEvent> events, Instant receivedAt);
}
