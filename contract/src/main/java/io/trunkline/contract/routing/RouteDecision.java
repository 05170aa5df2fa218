package io.trunkline.contract.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The platform's answer for one call.
 *
 * @param callId           the request's call id
 * @param verdict          ROUTE, or REJECT with {@code sipCode} and {@code reason}
 * @param sipCode          the SIP final response to send back on REJECT, null on ROUTE
 * @param reason           why the call is rejected, or the policy that routes it
 * @param callClass        EMERGENCY, INTERNAL, TOLL_FREE, PREMIUM, INTERNATIONAL, DOMESTIC, MOBILE, INBOUND
 * @param called           the called number normalized (E.164, extension or emergency short code)
 * @param calling          the calling number normalized
 * @param routes           where to try, in order
 * @param failoverCodes    SIP responses after which the next route is tried
 * @param attemptTimeoutMs how long to wait for a provisional response before the next route
 * @param rulebookVersions rulebook name to the version label that decided
 * @param trace            the rows and rules that decided, in order
 * @param decidedAt        when the decision was made
 * @param signing          how the edge signs the call towards carriers (STIR/SHAKEN); null: unsigned. Routes may
 *                         carry their own ({@link #signingFor}); this is then the first carrier route's
 */
public record RouteDecision(String callId, Verdict verdict, Integer sipCode, String reason, String callClass,
                            String called, String calling, List<Route> routes, List<Integer> failoverCodes,
                            int attemptTimeoutMs, Map<String, String> rulebookVersions, List<String> trace,
                            Instant decidedAt, Signing signing) {

    public enum Verdict { ROUTE, REJECT }

    /** A decision that leaves the call unsigned. */
    public RouteDecision(String callId, Verdict verdict, Integer sipCode, String reason, String callClass,
                         String called, String calling, List<Route> routes, List<Integer> failoverCodes,
                         int attemptTimeoutMs, Map<String, String> rulebookVersions, List<String> trace,
                         Instant decidedAt) {
        this(callId, verdict, sipCode, reason, callClass, called, calling, routes, failoverCodes, attemptTimeoutMs,
                rulebookVersions, trace, decidedAt, null);
    }

    /**
     * How the edge signs the call on {@code route}: the route's own signing; where no route of the decision carries
     * one (a decision made before routes did, or by the edge's fallback table), the decision's.
     */
    public Signing signingFor(Route route) {
        if (route.signing() != null) {
            return route.signing();
        }
        for (Route r : routes) {
            if (r.signing() != null) {
                return null;
            }
        }
        return signing;
    }

    /** This decision, signed as {@code s} says (null: unsigned). */
    public RouteDecision withSigning(Signing s) {
        return new RouteDecision(callId, verdict, sipCode, reason, callClass, called, calling, routes, failoverCodes,
                attemptTimeoutMs, rulebookVersions, trace, decidedAt, s);
    }
}
