package io.trunkline.edge.routing;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;

/** Where the B2BUA gets each new call's decision, and from which source it came. */
public interface RoutingPort {

    /** Who decided: the platform, the fallback table, or the edge's own emergency route. */
    enum Source { PLATFORM, FALLBACK, STATIC_EMERGENCY }

    record Decided(RouteDecision decision, Source source) {
    }

    /** Never throws for an unreachable platform: the fallback decides then. */
    Decided decide(RouteRequest request);

    /**
     * As {@link #decide(RouteRequest)}, waiting up to {@code budget} for the platform instead of a live call's budget:
     * for a synthetic test call, whose caller is the node itself (no one waits on a ringing phone), and whose outcome
     * is a workflow's evidence that a platform just started must not spoil.
     */
    default Decided decide(RouteRequest request, java.time.Duration budget) {
        return decide(request);
    }
}
