package io.trunkline.ejb.routing.api;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import java.io.Serializable;
import java.util.List;
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

    /**
     * A recorded call's decision made again: {@code request} (the call as the edge asked for it, {@code at} its start)
     * decided on the versions of the dial plan, classification, routing and attestation rulebooks that were active at
     * {@code at} (from the versions' activation times), today's master data and rate decks, and every carrier's live
     * state neutral. Nothing is kept, counted or screened for fraud.
     *
     * @throws io.trunkline.ejb.routing.api.InvalidRouteRequest the call cannot be decided today (e.g. its PBX is gone)
     * @throws io.trunkline.ejb.ruleset.api.RulebookRejectedException a stored version chosen no longer compiles
     */
    Rederived rederive(RouteRequest request) throws io.trunkline.ejb.ruleset.api.RulebookRejectedException;

    /**
     * A decision made again, with what its reader must know ({@code notes}: which versions were chosen how, what was
     * taken as neutral). The versions used are the decision's {@code rulebookVersions}.
     */
    record Rederived(RouteDecision decision, List<String> notes) implements Serializable {

        public Rederived {
            notes = List.copyOf(notes);
        }
    }
}
