package io.trunkline.ejb.routing.domain;


import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.Signing;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.classification.Destination;
import io.trunkline.rules.dialplan.DialString;
import io.trunkline.rules.routing.PolicyQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.kie.api.runtime.KieSession;

/**
 * Decides one call as a pipeline of stages, each in its own class and each adding to the decision's trace:
 * request checks; inbound calls to {@link InboundRouting}; for outbound calls the dial plan, numbering plan,
 * {@link CallingNumberResolution}, classification and routing policy (rulebooks), then by class an internal PBX
 * route, {@link EmergencyRouting}, or {@link CandidateFilter} (capability, licence, live state, capacity, rate,
 * maximum rate) and {@link CarrierOrdering} (least cost, priority or weighted; quality floor; attestation floor and
 * premium; caller ID); carrier routes carry the enterprise's STIR/SHAKEN signing for the number they present
 * ({@link AttestationRouting}). Reads
 * only the snapshot and rulebook versions it is handed, so a decision is repeatable and never waits on the
 * database.
 */
public final class RouteDecider {

    private static final Pattern KEYPAD = Pattern.compile("\\+?[0-9*#]{1,32}");

    private final DecisionSettings settings;
    private final Clock clock;
    private final CandidateFilter filter;
    private final CarrierOrdering ordering;

    /** @param random uniform in [0, 1), for weighted splits */
    public RouteDecider(DecisionSettings settings, Clock clock, DoubleSupplier random) {
        this.settings = settings;
        this.clock = clock;
        this.filter = new CandidateFilter(settings);
        this.ordering = new CarrierOrdering(random);
    }

    /** The rulebook versions one decision runs on, taken together. */
    public record Books(RulebookRegistry.Active dialplan, RulebookRegistry.Active classification,
                        RulebookRegistry.Active routing, RulebookRegistry.Active attestation) {

        public static Books current(RulebookRegistry registry) {
            return current(registry::active);
        }

        public static Books current(java.util.function.Function<Rulebook, RulebookRegistry.Active> active) {
            return new Books(active.apply(Rulebook.DIALPLAN), active.apply(Rulebook.CLASSIFICATION),
                    active.apply(Rulebook.ROUTING), active.apply(Rulebook.ATTESTATION));
        }

        Map<String, String> labels() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("dialplan", dialplan.version().label());
            m.put("classification", classification.version().label());
            m.put("routing", routing.version().label());
            m.put("attestation", attestation.version().label());
            return m;
        }
    }

    /** @throws InvalidRouteRequest naming the field that makes the request undecidable */
    public RouteDecision decide(RouteRequest request, RoutingData data, Books books) {
        Instant at = request.at() == null ? clock.instant() : request.at();
        if (request.callId() == null || request.callId().isBlank()) {
            throw new InvalidRouteRequest("callId", "is required");
        }
        if (request.direction() == null) {
            throw new InvalidRouteRequest("direction", "must be OUTBOUND or INBOUND");
        }
        if (request.called() == null || !KEYPAD.matcher(request.called()).matches()) {
            throw new InvalidRouteRequest("called", "expected 1-32 keypad characters (0-9 * #, optional leading +), got '"
                    + request.called() + "'");
        }
        DecisionTrace trace = new DecisionTrace(request, at, books.labels());
        return request.direction() == RouteRequest.Direction.INBOUND
                ? InboundRouting.decide(request, data, trace, settings, q -> fire(books.attestation(), q))
                : outbound(request, data, books, trace, at);
    }

    private RouteDecision outbound(RouteRequest request, RoutingData data, Books books, DecisionTrace trace, Instant at) {
        Pbx pbx = data.pbx(request.source())
                .orElseThrow(() -> new InvalidRouteRequest("source", "unknown PBX '" + request.source() + "'"));

        DialString dialed = fire(books.dialplan(), new DialString(pbx.id(), request.called()));
        trace.addAll(dialed.getTrace());
        if (dialed.getRejection() != null) {
            return trace.reject(404, dialed.getRejection(), null, null, null);
        }
        String number = dialed.getResult();
        String type = dialed.getResultType();
        NumberingPlan.Info info = null;
        if ("E164".equals(type)) {
            info = NumberingPlan.lookup(number).orElseThrow(() -> new InvalidRouteRequest("called",
                    "'" + request.called() + "' became " + number + " by " + dialed.getTrace().get(0).split(":")[0]
                            + ", which is not a valid E.164 number"));
        }
        String calling = CallingNumberResolution.resolve(pbx, request.calling(), data, trace);

        Destination destination = fire(books.classification(), new Destination(pbx.country(), number, type,
                info == null ? null : info.region(), info == null ? null : info.lineType()));
        trace.addAll(destination.getTrace());
        String callClass = destination.getCallClass();

        ZonedDateTime local = at.atZone(pbx.zone());
        PolicyQuery policy = fire(books.routing(),
                new PolicyQuery(pbx.id(), callClass, number, local.toLocalTime(), local.getDayOfWeek()));
        trace.addAll(policy.getTrace());
        if (policy.getRejection() != null) {
            return trace.reject(404, policy.getRejection(), callClass, number, calling);
        }
        if ("REJECT".equals(policy.getStrategy())) {
            return trace.reject(403, callClass + " calls are barred (" + policy.getDecidedBy() + ")", callClass, number, calling);
        }

        AttestationRouting attestation = new AttestationRouting(pbx, callClass, request.forwarded(), data,
                q -> fire(books.attestation(), q), trace);
        List<Route> routes;
        switch (callClass) {
            case "INTERNAL" -> {
                Optional<Pbx> target = data.pbx(dialed.getTargetPbx());
                if (target.isEmpty()) {
                    return trace.reject(404, "extension " + number + " is on PBX " + dialed.getTargetPbx()
                            + ", which is not configured", callClass, number, calling);
                }
                String presented = request.calling() == null ? "" : request.calling();
                routes = List.of(new Route(target.get().id().value(), Route.Kind.PBX, DecisionTrace.withUser(target.get().trunkUri(), number),
                        presented, null, null, "extension " + number + " of PBX " + target.get().id()));
                trace.add("internal call to PBX " + target.get().id() + " extension " + number);
            }
            case "EMERGENCY" -> routes = EmergencyRouting.routes(pbx, number, calling, data, trace).stream()
                    .map(attestation::annotate).toList();
            default -> {
                List<Candidate> candidates = filter.candidates(number, info == null ? null : info.region(), policy,
                        data, trace, at);
                routes = ordering.routes(pbx, number, calling, policy, candidates, data, attestation, trace);
            }
        }
        if (routes.isEmpty()) {
            return trace.reject(503, "no carrier can take this call now", callClass, number, calling);
        }
        // The decision's own signing is its first carrier route's, for readers that look at the decision alone.
        Signing signing = routes.stream().filter(r -> r.kind() == Route.Kind.CARRIER).findFirst()
                .map(Route::signing).orElse(null);
        return trace.route(policy.getDecidedBy() + " " + policy.getStrategy(), callClass, number, calling, routes,
                settings).withSigning(signing);
    }

    private static <T> T fire(RulebookRegistry.Active book, T fact) {
        KieSession session = book.newSession();
        try {
            session.insert(fact);
            session.fireAllRules();
            return fact;
        } finally {
            session.dispose();
        }
    }
}
