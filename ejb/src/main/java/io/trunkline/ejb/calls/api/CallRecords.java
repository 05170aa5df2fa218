package io.trunkline.ejb.calls.api;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/** The stored call records, as the edge reported them. */
@Local
public interface CallRecords {

    /** Most results a search returns at once. */
    int MAX_LIMIT = 1_000;

    /** A call in a list: who, where to, who decided, who carried it, how it ended. */
    record CallSummary(String callId, Instant startedAt, String node, String direction, String origin, String pbx,
                       String callingDialed, String calledDialed, String calledNormalized, String callClass,
                       String decisionSource, String carrier, int attempts, Instant answeredAt, Instant endedAt,
                       long durationMs, int releaseCode, String releasedBy) implements Serializable {
    }

    /** Calls started in {@code [from, to)}, newest first, with the total that matched. */
    record Page(long total, List<CallSummary> calls) implements Serializable {
    }

    /**
     * @param pbx     only calls of this PBX (null: any)
     * @param carrier only calls this carrier carried, was tried for, or sent in (null: any)
     */
    Page search(Instant from, Instant to, PbxId pbx, CarrierId carrier, int limit);

    /** The whole record (the edge's JSON), by call id. */
    Optional<String> record(CallId callId);
}
