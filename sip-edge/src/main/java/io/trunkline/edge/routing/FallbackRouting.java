package io.trunkline.edge.routing;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the edge decides alone while the platform cannot: emergency numbers always go to the edge's own
 * emergency route; other calls try the fallback trunks in order. The trunk URIs carry the dialed string
 * as received, since the dial plan is the platform's.
 */
public final class FallbackRouting {

    private final Set<String> emergencyNumbers;
    private final List<String> emergencyRoutes;
    private final List<String> fallbackRoutes;
    private final List<Integer> failoverCodes;
    private final int attemptTimeoutMs;

    public FallbackRouting(Set<String> emergencyNumbers, List<String> emergencyRoutes, List<String> fallbackRoutes,
                           List<Integer> failoverCodes, int attemptTimeoutMs) {
        this.emergencyNumbers = Set.copyOf(emergencyNumbers);
        this.emergencyRoutes = List.copyOf(emergencyRoutes);
        this.fallbackRoutes = List.copyOf(fallbackRoutes);
        this.failoverCodes = List.copyOf(failoverCodes);
        this.attemptTimeoutMs = attemptTimeoutMs;
    }

    public boolean isEmergency(String dialed) {
        return dialed != null && emergencyNumbers.contains(dialed);
    }

    public RoutingPort.Decided decide(RouteRequest request, String why) {
        boolean emergency = isEmergency(request.called());
        List<String> uris = emergency ? emergencyRoutes : fallbackRoutes;
        RoutingPort.Source source = emergency ? RoutingPort.Source.STATIC_EMERGENCY : RoutingPort.Source.FALLBACK;
        List<String> trace = List.of(why, (emergency ? "emergency number " + request.called() + ": edge emergency route"
                : "fallback routes") + " " + uris);
        if (uris.isEmpty()) {
            return new RoutingPort.Decided(new RouteDecision(request.callId(), RouteDecision.Verdict.REJECT, 503,
                    "platform unavailable and no fallback route configured", emergency ? "EMERGENCY" : null,
                    request.called(), request.calling(), List.of(), List.of(), 0, Map.of(), trace, Instant.now()), source);
        }
        List<Route> routes = new ArrayList<>();
        for (String uri : uris) {
            routes.add(new Route(uri, Route.Kind.CARRIER, withUser(uri, request.called()), request.calling(), null, null,
                    source == RoutingPort.Source.STATIC_EMERGENCY ? "edge emergency route" : "fallback route"));
        }
        return new RoutingPort.Decided(new RouteDecision(request.callId(), RouteDecision.Verdict.ROUTE, null,
                source.name().toLowerCase(), emergency ? "EMERGENCY" : null, request.called(), request.calling(), routes,
                failoverCodes, attemptTimeoutMs, Map.of(), trace, Instant.now()), source);
    }

    static String withUser(String uri, String user) {
        int scheme = uri.indexOf(':');
        if (scheme < 0 || uri.indexOf('@') >= 0) {
            return uri;
        }
        return uri.substring(0, scheme + 1) + user + "@" + uri.substring(scheme + 1);
    }
}
