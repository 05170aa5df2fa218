package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One decision's explanation as it builds up, stage by stage, and the two ways a decision ends. */
final class DecisionTrace {

    private final RouteRequest request;
    private final Instant at;
    private final Map<String, String> versions;
    private final List<String> lines = new ArrayList<>();

    DecisionTrace(RouteRequest request, Instant at, Map<String, String> versions) {
        this.request = request;
        this.at = at;
        this.versions = versions;
    }

    void add(String line) {
        lines.add(line);
    }

    void addAll(List<String> more) {
        lines.addAll(more);
    }

    RouteDecision reject(int code, String reason, String callClass, String called, String calling) {
        lines.add("REJECT " + code + ": " + reason);
        return new RouteDecision(request.callId(), RouteDecision.Verdict.REJECT, code, reason, callClass, called,
                calling, List.of(), List.of(), 0, versions, List.copyOf(lines), at);
    }

    RouteDecision route(String reason, String callClass, String called, String calling, List<Route> routes,
                        DecisionSettings settings) {
        return new RouteDecision(request.callId(), RouteDecision.Verdict.ROUTE, null, reason, callClass, called,
                calling, List.copyOf(routes), settings.failoverCodes(), settings.attemptTimeoutMs(), versions,
                List.copyOf(lines), at);
    }

    /** A trunk URI with the dialed user part, as the edge sends the INVITE's Request-URI. */
    static String withUser(String uri, String user) {
        if (uri == null) {
            return null;
        }
        int scheme = uri.indexOf(':');
        if (scheme < 0 || uri.indexOf('@') >= 0) {
            return uri;
        }
        return uri.substring(0, scheme + 1) + user + "@" + uri.substring(scheme + 1);
    }
}
