package io.trunkline.ejb.routing.api;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import java.util.Optional;
import javax.ejb.Local;

/** Per-call routing decisions, and the recent ones with their explanation. */
@Local
public interface RouteDecisions {

    /** @throws io.trunkline.ejb.routing.api.InvalidRouteRequest naming the field that makes it undecidable */
    RouteDecision decide(RouteRequest request);

    Optional<RouteDecision> find(CallId callId);

    /**
     * The decision {@code request} would get if version {@code version} of {@code rulebook} were active;
     * nothing is activated or kept.
     *
     * @throws io.trunkline.ejb.ruleset.api.RulebookRejectedException the stored version no longer compiles
     */
    RouteDecision simulate(String rulebook, int version, RouteRequest request)
            throws io.trunkline.ejb.ruleset.api.RulebookRejectedException;
}
