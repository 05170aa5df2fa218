package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.routing.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stage for an emergency call: every emergency-capable carrier licensed in the site's country, the site's designated
 * gateway first (local PSAP routing), regardless of cost, capacity limits and marked-down state.
 */
public final class EmergencyRouting {

    private EmergencyRouting() {
    }

    /**
     * The carriers an emergency call from {@code pbx} is offered to, in order: its designated emergency carrier when
     * master data holds it, then every emergency-capable carrier licensed in its country by priority. None: the
     * site's emergency calls reach no carrier.
     */
    public static List<Carrier> carriers(Pbx pbx, RoutingData data) {
        List<Carrier> order = new ArrayList<>();
        if (pbx.emergencyCarrier() != null) {
            data.carrier(pbx.emergencyCarrier().value()).ifPresent(order::add);
        }
        data.allCarriers().stream()
                .filter(c -> c.can(Capability.EMERGENCY) && c.licensedFor(pbx.country()) && !order.contains(c))
                .sorted(Comparator.comparingInt(Carrier::priority))
                .forEach(order::add);
        return order;
    }

    static List<Route> routes(Pbx pbx, String number, String calling, RoutingData data, DecisionTrace trace) {
        List<Route> routes = new ArrayList<>();
        for (Carrier c : carriers(pbx, data)) {
            String present = c.holds(calling) ? calling : pbx.mainNumber().value();
            String why = c.id().equals(pbx.emergencyCarrier()) ? "designated emergency gateway of " + pbx.id()
                    : "emergency-capable backup";
            routes.add(new Route(c.id().value(), Route.Kind.CARRIER, DecisionTrace.withUser(c.trunkUri(), number), present,
                    null, c.currency(), why + " (location " + pbx.emergencyLocation() + ")"));
        }
        trace.add("emergency call from " + pbx.id() + ": " + routes.stream().map(Route::target).toList()
                + " regardless of cost and capacity");
        return routes;
    }
}
