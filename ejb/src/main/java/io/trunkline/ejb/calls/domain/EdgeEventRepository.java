package io.trunkline.ejb.calls.domain;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.calls.api.CallRecords.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where delivered events and call records are kept (in the caller's transaction). */
public interface EdgeEventRepository {

    /** Those of the ids already stored. */
    Set<String> storedAmong(Collection<String> eventIds);

    /** Stores new events of a node, with the call records among them. */
    void store(String node, List<StoredEvent> events, Instant receivedAt);

    /** Calls started in {@code [from, to)}, newest first; pbx and carrier null for any. */
    Page search(Instant from, Instant to, PbxId pbx, CarrierId carrier, int limit);

    /** The whole record of a call, the latest one if the id was used twice. */
    Optional<String> record(CallId callId);
}
