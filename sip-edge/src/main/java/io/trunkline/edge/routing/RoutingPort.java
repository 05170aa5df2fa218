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
}
