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
 * emergency route; a PBX's call whose dialed prefix is in the fallback table the platform last pushed goes to
 * that entry's routes, numbered in E.164; other calls try the node's configured fallback trunks in order,
 * with the dialed string as received (the dial plan is the platform's).
 */
public final class FallbackRouting {

    /** The platform's last fallback table for a PBX, if it pushed one. */
    @FunctionalInterface
    public interface PushedTables {
        java.util.Optional<io.trunkline.contract.routing.FallbackTable> forPbx(io.trunkline.contract.telecom.PbxId pbx);
    }

    private final Set<String> emergencyNumbers;
    private final List<String> emergencyRoutes;
    private final List<String> fallbackRoutes;
    private final List<Integer> failoverCodes;
    private final int attemptTimeoutMs;
    private final PushedTables pushed;

    public FallbackRouting(Set<String> emergencyNumbers, List<String> emergencyRoutes, List<String> fallbackRoutes,
                           List<Integer> failoverCodes, int attemptTimeoutMs) {
        this(emergencyNumbers, emergencyRoutes, fallbackRoutes, failoverCodes, attemptTimeoutMs,
                pbx -> java.util.Optional.empty());
    }

    public FallbackRouting(Set<String> emergencyNumbers, List<String> emergencyRoutes, List<String> fallbackRoutes,
                           List<Integer> failoverCodes, int attemptTimeoutMs, PushedTables pushed) {
        this.pushed = pushed;
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
        if (!emergency && request.direction() == RouteRequest.Direction.OUTBOUND) {
            java.util.Optional<RoutingPort.Decided> fromTable = fromPushedTable(request, why);
            if (fromTable.isPresent()) {
                return fromTable.get();
            }
        }
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

    private java.util.Optional<RoutingPort.Decided> fromPushedTable(RouteRequest request, String why) {
        java.util.Optional<io.trunkline.contract.routing.FallbackTable> table;
        try {
            table = pushed.forPbx(new io.trunkline.contract.telecom.PbxId(request.source()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // no such PBX id, or the cluster's copy is out of reach: the node's own routes
        }
        if (table.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<io.trunkline.contract.routing.FallbackTable.Entry> entry = table.get().match(request.called());
        if (entry.isEmpty() || entry.get().routes().isEmpty()) {
            return java.util.Optional.empty();
        }
        String e164 = io.trunkline.contract.routing.FallbackTable.e164(entry.get(), request.called());
        List<Route> routes = new ArrayList<>();
        for (io.trunkline.contract.routing.FallbackTable.Target t : entry.get().routes()) {
            routes.add(new Route(t.target(), Route.Kind.CARRIER, withUser(t.trunkUri(), e164), request.calling(), null, null,
                    "fallback table of " + table.get().publishedAt()));
        }
        List<String> trace = List.of(why, "fallback table pushed by the platform at " + table.get().publishedAt() + ": "
                + entry.get().dialedPrefix() + " → " + entry.get().e164Prefix() + " " + entry.get().callClass() + " "
                + entry.get().routes().stream().map(io.trunkline.contract.routing.FallbackTable.Target::target).toList());
        return java.util.Optional.of(new RoutingPort.Decided(new RouteDecision(request.callId(), RouteDecision.Verdict.ROUTE,
                null, "fallback table", entry.get().callClass(), e164, request.calling(), routes, failoverCodes,
                attemptTimeoutMs, Map.of(), trace, Instant.now()), RoutingPort.Source.FALLBACK));
    }

    static String withUser(String uri, String user) {
        int scheme = uri.indexOf(':');
        if (scheme < 0 || uri.indexOf('@') >= 0) {
            return uri;
        }
        return uri.substring(0, scheme + 1) + user + "@" + uri.substring(scheme + 1);
    }
}
