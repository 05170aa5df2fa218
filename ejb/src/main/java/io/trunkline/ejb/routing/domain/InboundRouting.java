package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.E164Number;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import io.trunkline.rules.attestation.IdentityQuery;

/**
 * Stage for a call from a carrier: what the InboundIdentity table does with its STIR/SHAKEN verification (refuse it
 * with RFC 8224's code, or let it through to be tagged), then the called DID's PBX and extension when the call comes
 * through the carrier holding the DID (404 through any other), or the default destination (main IVR) for a number
 * that is no DID.
 */
final class InboundRouting {

    private InboundRouting() {
    }

    /** @param identities runs the attestation rulebook's InboundIdentity table on a query */
    static RouteDecision decide(RouteRequest request, RoutingData data, DecisionTrace trace, DecisionSettings settings,
                                UnaryOperator<IdentityQuery> identities) {
        Carrier carrier = data.carrier(request.source())
                .orElseThrow(() -> new InvalidRouteRequest("source", "unknown carrier '" + request.source() + "'"));
        IdentityCheck identity = request.identity();
        if (identity != null) {
            IdentityQuery q = identities.apply(new IdentityQuery(carrier.id().value(),
                    IdentityQuery.Outcome.valueOf(identity.outcome()), identity.failure(),
                    identity.attest() == null ? null : identity.attest().name()));
            trace.add("identity " + identity.verstat() + (identity.detail() == null ? "" : ": " + identity.detail()));
            trace.addAll(q.getTrace());
            if (q.getAction() == IdentityQuery.Action.REFUSE) {
                return trace.reject(identity.refusalCode(), identity.refusalPhrase() + " (" + q.getDecidedBy() + ")",
                        "INBOUND", request.called(), request.calling());
            }
        }
        String called = request.called().startsWith("+") ? request.called() : "+" + request.called();
        if (!E164Number.isE164(called)) {
            throw new InvalidRouteRequest("called", "'" + request.called() + "' is not an E.164 number");
        }
        String calling = request.calling() == null ? null
                : E164Number.isE164(request.calling()) ? request.calling()
                : E164Number.isE164("+" + request.calling()) ? "+" + request.calling() : request.calling();
        Optional<Did> did = data.did(called);
        Did target;
        if (did.isPresent() && !did.get().carrier().equals(carrier.id())) {
            // A DID comes in through the carrier that holds it: after a port, the gaining carrier's calls reach the
            // PBX and the losing carrier's no longer do (and after a rollback, the other way round).
            return trace.reject(404, "DID " + called + " is held by " + did.get().carrier() + ", not " + carrier.id(),
                    "INBOUND", called, calling);
        }
        if (did.isPresent()) {
            target = did.get();
            trace.add("DID " + called + " from " + carrier.id() + " belongs to " + target.pbx() + " extension " + target.extension());
        } else if (data.inboundDefault().isPresent()) {
            target = data.inboundDefault().get();
            trace.add("DID " + called + " is not assigned: default destination " + target.pbx() + " extension "
                    + target.extension() + " (main IVR)");
        } else {
            return trace.reject(404, "DID " + called + " is not assigned and no default destination is set", "INBOUND",
                    called, calling);
        }
        Pbx pbx = data.pbx(target.pbx().value()).orElse(null);
        if (pbx == null) {
            return trace.reject(404, "DID " + called + " points at PBX " + target.pbx() + ", which is not configured",
                    "INBOUND", called, calling);
        }
        Route route = new Route(pbx.id().value(), Route.Kind.PBX, DecisionTrace.withUser(pbx.trunkUri(), target.extension()),
                calling, null, null, did.isPresent() ? "DID " + called : "default inbound destination");
        return trace.route("inbound", "INBOUND", called, calling, List.of(route), settings);
    }
}
