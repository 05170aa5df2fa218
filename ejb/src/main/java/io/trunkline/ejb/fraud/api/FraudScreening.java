package io.trunkline.ejb.fraud.api;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import java.util.List;
import javax.ejb.Local;

/**
 * The fraud rulebook in the per-call decision: a routed outbound call is judged on its restriction rows, the blocks
 * in force and the cluster-wide velocity counters; refused 403 when a row blocks it (the SIP answer says only
 * "Forbidden"; the stored decision's trace says which row, counter, value and threshold). Emergency calls are never
 * held back.
 */
@Local
public interface FraudScreening {

    /**
     * The screening as a plain object, for the decision path to take once and call per decision without a call
     * through the container. Safe for many threads at once.
     */
    Stage stage();

    /** Screens one decision. */
    @FunctionalInterface
    interface Stage {
        /** The decision as it stands after fraud screening: the same, with the fraud trace, or refused 403. */
        RouteDecision screen(RouteRequest request, RouteDecision decision);
    }

    /**
     * Collects the active fraud rows of every PBX ahead of its first call, so that call's decision does not pay for
     * it (a cold first decision can outlast the edge's decision timeout). Counts nothing.
     */
    void warmUp();

    /** Calls that ended (the edge's records): their open channels closed, answered, short calls and spend counted. */
    void ended(List<CallRecord> calls);
}
