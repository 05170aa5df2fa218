package io.trunkline.ejb.routing.api;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import java.util.Optional;
import javax.ejb.Local;

/** Per-call routing decisions, and the recent ones with their explanation. */
@Local
public interface RouteDecisions {

    /** @throws io.trunkline.ejb.routing.domain.InvalidRouteRequest naming the field that makes it undecidable */
    RouteDecision decide(RouteRequest request);

    Optional<RouteDecision> find(String callId);
}
