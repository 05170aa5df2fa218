package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.E164Number;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import java.util.List;
import java.util.Optional;

/** Stage for a call from a carrier: the called DID's PBX and extension, or the default destination (main IVR). */
final class InboundRouting {

    private InboundRouting() {
    }

    static RouteDecision decide(RouteRequest request, RoutingData data, DecisionTrace trace, DecisionSettings settings) {
        Carrier carrier = data.carrier(request.source())
                .orElseThrow(() -> new InvalidRouteRequest("source", "unknown carrier '" + request.source() + "'"));
        String called = request.called().startsWith("+") ? request.called() : "+" + request.called();
        if (!E164Number.isE164(called)) {
            throw new InvalidRouteRequest("called", "'" + request.called() + "' is not an E.164 number");
        }
        String calling = request.calling() == null ? null
                : E164Number.isE164(request.calling()) ? request.calling()
                : E164Number.isE164("+" + request.calling()) ? "+" + request.calling() : request.calling();
        Optional<Did> did = data.did(called);
        Did target;
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
