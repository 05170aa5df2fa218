package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.telecom.E164Number;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.classification.Destination;
import io.trunkline.rules.dialplan.DialString;
import io.trunkline.rules.routing.PolicyQuery;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.kie.api.runtime.KieSession;

/**
 * Decides one call: dial plan, numbering plan, classification, routing policy, candidate carriers
 * (capability, licence, live state, capacity, rate, maximum rate), order (least cost, priority or
 * weighted), quality floor, caller ID. Reads only the snapshot and rulebook versions it is handed, so
 * a decision is repeatable and never waits on the database.
 */
public final class RouteDecider {

    private static final Pattern KEYPAD = Pattern.compile("\\+?[0-9*#]{1,32}");
    private static final MathContext MONEY = MathContext.DECIMAL64;

    private final DecisionSettings settings;
    private final Clock clock;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), for weighted splits */
    public RouteDecider(DecisionSettings settings, Clock clock, DoubleSupplier random) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /** The rulebook versions one decision runs on, taken together. */
    public record Books(RulebookRegistry.Active dialplan, RulebookRegistry.Active classification,
                        RulebookRegistry.Active routing) {

        public static Books current(RulebookRegistry registry) {
            return current(registry::active);
        }

        public static Books current(java.util.function.Function<Rulebook, RulebookRegistry.Active> active) {
            return new Books(active.apply(Rulebook.DIALPLAN), active.apply(Rulebook.CLASSIFICATION),
                    active.apply(Rulebook.ROUTING));
        }

        Map<String, String> labels() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("dialplan", dialplan.version().label());
            m.put("classification", classification.version().label());
            m.put("routing", routing.version().label());
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
        Trace trace = new Trace(request, at, books.labels());
        return request.direction() == RouteRequest.Direction.INBOUND
                ? inbound(request, data, trace)
                : outbound(request, data, books, trace, at);
    }

    private RouteDecision outbound(RouteRequest request, RoutingData data, Books books, Trace trace, Instant at) {
        Pbx pbx = data.pbx(request.source())
                .orElseThrow(() -> new InvalidRouteRequest("source", "unknown PBX '" + request.source() + "'"));

        DialString dialed = fire(books.dialplan(), new DialString(pbx.id().value(), request.called()));
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
        String calling = callingNumber(pbx, request.calling(), data, trace);

        Destination destination = fire(books.classification(), new Destination(pbx.country(), number, type,
                info == null ? null : info.region(), info == null ? null : info.lineType()));
        trace.addAll(destination.getTrace());
        String callClass = destination.getCallClass();

        ZonedDateTime local = at.atZone(pbx.zone());
        PolicyQuery policy = fire(books.routing(),
                new PolicyQuery(pbx.id().value(), callClass, number, local.toLocalTime(), local.getDayOfWeek()));
        trace.addAll(policy.getTrace());
        if (policy.getRejection() != null) {
            return trace.reject(404, policy.getRejection(), callClass, number, calling);
        }
        if ("REJECT".equals(policy.getStrategy())) {
            return trace.reject(403, callClass + " calls are barred (" + policy.getDecidedBy() + ")", callClass, number, calling);
        }

        List<Route> routes;
        switch (callClass) {
            case "INTERNAL" -> {
                Optional<Pbx> target = data.pbx(dialed.getTargetPbx());
                if (target.isEmpty()) {
                    return trace.reject(404, "extension " + number + " is on PBX " + dialed.getTargetPbx()
                            + ", which is not configured", callClass, number, calling);
                }
                String presented = request.calling() == null ? "" : request.calling();
                routes = List.of(new Route(target.get().id().value(), Route.Kind.PBX, withUser(target.get().trunkUri(), number),
                        presented, null, null, "extension " + number + " of PBX " + target.get().id()));
                trace.add("internal call to PBX " + target.get().id() + " extension " + number);
            }
            case "EMERGENCY" -> routes = emergency(pbx, number, calling, data, trace);
            default -> routes = carriers(pbx, number, info, calling, policy, data, trace, at);
        }
        if (routes.isEmpty()) {
            return trace.reject(503, "no carrier can take this call now", callClass, number, calling);
        }
        return trace.route(policy.getDecidedBy() + " " + policy.getStrategy(), callClass, number, calling, routes,
                settings);
    }

    private List<Route> emergency(Pbx pbx, String number, String calling, RoutingData data, Trace trace) {
        // Emergency calls ignore cost, capacity limits and marked-down state: every capable route is kept,
        // the site's designated gateway first (local PSAP routing).
        List<Carrier> order = new ArrayList<>();
        if (pbx.emergencyCarrier() != null) {
            data.carrier(pbx.emergencyCarrier().value()).ifPresent(order::add);
        }
        data.allCarriers().stream()
                .filter(c -> c.can(Capability.EMERGENCY) && c.licensedFor(pbx.country()) && !order.contains(c))
                .sorted(Comparator.comparingInt(Carrier::priority))
                .forEach(order::add);
        List<Route> routes = new ArrayList<>();
        for (Carrier c : order) {
            String present = c.holds(calling) ? calling : pbx.mainNumber().value();
            String why = c.id().equals(pbx.emergencyCarrier()) ? "designated emergency gateway of " + pbx.id()
                    : "emergency-capable backup";
            routes.add(new Route(c.id().value(), Route.Kind.CARRIER, withUser(c.trunkUri(), number), present, null,
                    c.currency(), why + " (location " + pbx.emergencyLocation() + ")"));
        }
        trace.add("emergency call from " + pbx.id() + ": " + routes.stream().map(Route::target).toList()
                + " regardless of cost and capacity");
        return routes;
    }

    /** A carrier that survived the filters, with what ordering needs. */
    private record Candidate(Carrier carrier, int position, int weight, Rate rate, BigDecimal perMinute,
                             BigDecimal expectedCost, boolean belowFloor) {
    }

    private List<Route> carriers(Pbx pbx, String number, NumberingPlan.Info info, String calling, PolicyQuery policy,
                                 RoutingData data, Trace trace, Instant at) {
        String callClass = policy.getCallClass();
        String strategy = policy.getStrategy();
        String region = info == null ? null : info.region();
        List<Candidate> candidates = new ArrayList<>();
        int position = 0;
        for (Map.Entry<String, Integer> entry : policyCarriers(policy, data).entrySet()) {
            Optional<Carrier> found = data.carrier(entry.getKey());
            if (found.isEmpty()) {
                trace.add(entry.getKey() + " skipped: named by the policy but not configured");
                continue;
            }
            Carrier c = found.get();
            String refusal = refusal(c, callClass, region, data.state(c.id()));
            if (refusal != null) {
                trace.add(c.id() + " skipped: " + refusal);
                continue;
            }
            ZonedDateTime carrierLocal = at.atZone(c.zone());
            Optional<Rate> rate = data.rates(c.id()).lookup(number.substring(1), carrierLocal.toLocalDate());
            if (rate.isEmpty() && "LEAST_COST".equals(strategy)) {
                trace.add(c.id() + " skipped: no rate for " + number + " on " + carrierLocal.toLocalDate());
                continue;
            }
            BigDecimal perMinute = null;
            BigDecimal cost = null;
            if (rate.isPresent()) {
                boolean peak = c.peakAt(at);
                perMinute = rate.get().perMinute(peak);
                long billed = c.billing().billedSeconds(settings.expectedCallSeconds());
                cost = rate.get().connectionFee().add(perMinute.multiply(BigDecimal.valueOf(billed))
                        .divide(BigDecimal.valueOf(60), MONEY));
                trace.add(c.id() + ": prefix " + rate.get().prefix() + " " + (peak ? "peak" : "off-peak") + " "
                        + perMinute.toPlainString() + "/min, " + settings.expectedCallSeconds() + " s billed "
                        + c.billing() + " costs " + cost.setScale(5, java.math.RoundingMode.HALF_UP).toPlainString());
                if (policy.getMaxRate() != null && perMinute.compareTo(policy.getMaxRate()) > 0) {
                    trace.add(c.id() + " skipped: rate " + perMinute.toPlainString() + " above the policy's maximum "
                            + policy.getMaxRate().toPlainString());
                    continue;
                }
            }
            CarrierState state = data.state(c.id());
            boolean below = (policy.getMinAsr() != null && state.asrPercent() != null && state.asrPercent() < policy.getMinAsr())
                    || (policy.getMinMos() != null && state.mos() != null && state.mos() < policy.getMinMos());
            candidates.add(new Candidate(c, position++, entry.getValue(), rate.orElse(null), perMinute, cost, below));
        }

        List<Candidate> ordered = order(strategy, candidates, trace);
        ordered = applyFloor(policy, ordered, data, trace);
        ordered = applyCallerId(policy, ordered, calling, trace);

        List<Route> routes = new ArrayList<>();
        for (Candidate c : ordered) {
            boolean holds = c.carrier().holds(calling);
            String present = holds ? calling : pbx.mainNumber().value();
            if (!holds && calling != null) {
                trace.add(c.carrier().id() + " does not hold " + calling + ": presents the site's main number " + present);
            }
            routes.add(new Route(c.carrier().id().value(), Route.Kind.CARRIER, withUser(c.carrier().trunkUri(), number),
                    present, c.perMinute(), c.carrier().currency(), strategy + " position " + (routes.size() + 1)));
        }
        return routes;
    }

    /** Carrier ids named by the policy with their weights, or every carrier by priority when it names none. */
    private static Map<String, Integer> policyCarriers(PolicyQuery policy, RoutingData data) {
        Map<String, Integer> out = new LinkedHashMap<>();
        String list = policy.getCarriers();
        if (list == null || list.isBlank()) {
            data.allCarriers().stream().sorted(Comparator.comparingInt(Carrier::priority))
                    .forEach(c -> out.put(c.id().value(), c.weight()));
            return out;
        }
        for (String token : list.split("[,\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            int colon = token.indexOf(':');
            String id = colon < 0 ? token : token.substring(0, colon);
            int weight = 1;
            if (colon >= 0) {
                try {
                    weight = Integer.parseInt(token.substring(colon + 1));
                } catch (NumberFormatException e) {
                    weight = 0;
                }
            } else {
                Carrier c = data.carrier(id).orElse(null);
                weight = c == null ? 1 : c.weight();
            }
            out.put(id, weight);
        }
        return out;
    }

    private static String refusal(Carrier c, String callClass, String region, CarrierState state) {
        switch (callClass) {
            case "TOLL_FREE" -> {
                if (!c.can(Capability.TOLL_FREE)) {
                    return "does not terminate toll-free";
                }
            }
            case "PREMIUM" -> {
                if (!c.can(Capability.PREMIUM)) {
                    return "does not terminate premium-rate numbers";
                }
            }
            case "INTERNATIONAL" -> {
                if (!c.can(Capability.INTERNATIONAL)) {
                    return "does not carry international calls";
                }
            }
            default -> {
                // domestic and mobile: the licence below decides
            }
        }
        if (region != null && !c.licensedFor(region)) {
            return "not licensed for " + region;
        }
        if (!state.up()) {
            return "marked down";
        }
        if (c.maxChannels() > 0 && state.activeCalls() >= c.maxChannels()) {
            return "at its channel limit (" + state.activeCalls() + "/" + c.maxChannels() + ")";
        }
        return null;
    }

    private List<Candidate> order(String strategy, List<Candidate> candidates, Trace trace) {
        List<Candidate> out = new ArrayList<>(candidates);
        switch (strategy) {
            case "LEAST_COST" -> out.sort(Comparator.comparing(Candidate::expectedCost).thenComparingInt(Candidate::position));
            case "WEIGHTED" -> {
                List<Candidate> pool = new ArrayList<>(candidates);
                out.clear();
                while (!pool.isEmpty()) {
                    int total = pool.stream().mapToInt(c -> Math.max(0, c.weight())).sum();
                    Candidate pick = pool.get(0);
                    if (total > 0) {
                        double r = random.getAsDouble() * total;
                        for (Candidate c : pool) {
                            r -= Math.max(0, c.weight());
                            if (r < 0) {
                                pick = c;
                                break;
                            }
                        }
                    }
                    out.add(pick);
                    pool.remove(pick);
                }
            }
            default -> out.sort(Comparator.comparingInt(Candidate::position));
        }
        trace.add(strategy + " order: " + out.stream().map(c -> c.carrier().id().value()
                + ("WEIGHTED".equals(strategy) ? ":" + c.weight() : "")).toList());
        return out;
    }

    private static List<Candidate> applyFloor(PolicyQuery policy, List<Candidate> ordered, RoutingData data, Trace trace) {
        if (policy.getMinAsr() == null && policy.getMinMos() == null) {
            return ordered;
        }
        List<Candidate> above = new ArrayList<>();
        List<Candidate> below = new ArrayList<>();
        for (Candidate c : ordered) {
            (c.belowFloor() ? below : above).add(c);
        }
        for (Candidate c : below) {
            CarrierState s = data.state(c.carrier().id());
            trace.add(c.carrier().id() + " below the quality floor (ASR " + s.asrPercent() + " % / MOS " + s.mos()
                    + "): " + ("DROP".equals(policy.getFloorAction()) ? "dropped" : "tried last"));
        }
        if (!"DROP".equals(policy.getFloorAction())) {
            above.addAll(below);
        }
        return above;
    }

    private static List<Candidate> applyCallerId(PolicyQuery policy, List<Candidate> ordered, String calling, Trace trace) {
        if (!"PREFER_HOLDER".equals(policy.getCallerId()) || calling == null || ordered.isEmpty()
                || ordered.get(0).carrier().holds(calling)) {
            return ordered;
        }
        List<Candidate> holders = new ArrayList<>();
        List<Candidate> others = new ArrayList<>();
        for (Candidate c : ordered) {
            (c.carrier().holds(calling) ? holders : others).add(c);
        }
        if (holders.isEmpty()) {
            return ordered;
        }
        trace.add("caller ID " + calling + " is held by " + holders.stream().map(c -> c.carrier().id().value()).toList()
                + ", not by " + ordered.get(0).carrier().id() + ": holders first (PREFER_HOLDER)");
        holders.addAll(others);
        return holders;
    }

    private RouteDecision inbound(RouteRequest request, RoutingData data, Trace trace) {
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
        Route route = new Route(pbx.id().value(), Route.Kind.PBX, withUser(pbx.trunkUri(), target.extension()),
                calling, null, null, did.isPresent() ? "DID " + called : "default inbound destination");
        return trace.route("inbound", "INBOUND", called, calling, List.of(route), settings);
    }

    /** The caller's number in E.164: as sent when it is E.164, the DID of a known extension, else the site's default. */
    private static String callingNumber(Pbx pbx, String raw, RoutingData data, Trace trace) {
        if (raw == null || raw.isBlank()) {
            trace.add("no calling number: presents the site's default caller ID " + pbx.defaultCallerId());
            return pbx.defaultCallerId() == null ? null : pbx.defaultCallerId().value();
        }
        if (E164Number.isE164(raw) && NumberingPlan.lookup(raw).isPresent()) {
            return raw;
        }
        if (pbx.ownsExtension(raw)) {
            Optional<Did> did = data.didOf(pbx.id(), raw);
            if (did.isPresent()) {
                trace.add("calling extension " + raw + " has DID " + did.get().number());
                return did.get().number().value();
            }
            trace.add("calling extension " + raw + " has no DID: default caller ID " + pbx.defaultCallerId());
            return pbx.defaultCallerId() == null ? null : pbx.defaultCallerId().value();
        }
        Optional<String> national = NumberingPlan.toE164(raw, pbx.country());
        if (national.isPresent()) {
            trace.add("calling number " + raw + " read as " + pbx.country() + " national: " + national.get());
            return national.get();
        }
        trace.add("calling number '" + raw + "' is not a number of this site: default caller ID " + pbx.defaultCallerId());
        return pbx.defaultCallerId() == null ? null : pbx.defaultCallerId().value();
    }

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

    /** The decision's explanation as it builds up, and the two ways it ends. */
    private static final class Trace {
        private final RouteRequest request;
        private final Instant at;
        private final Map<String, String> versions;
        private final List<String> lines = new ArrayList<>();

        Trace(RouteRequest request, Instant at, Map<String, String> versions) {
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
    }
}
