package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.routing.Route;
import io.trunkline.rules.EnumeratedColumns;
import io.trunkline.rules.routing.PolicyQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Stage of an outbound decision: the candidates in the policy's order (least cost, weighted split or priority), then
 * the quality floor (below-floor carriers last or dropped), then the attestation floor and premium
 * ({@link AttestationRouting}), then caller-ID ownership (carriers that hold the calling number first under
 * PREFER_HOLDER), and the routes with the number each one presents, how the edge signs it and what it delivers.
 */
final class CarrierOrdering {

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), for weighted splits */
    CarrierOrdering(DoubleSupplier random) {
        this.random = random;
    }

    List<Route> routes(Pbx pbx, String number, String calling, PolicyQuery policy, List<Candidate> candidates,
                       RoutingData data, AttestationRouting attestation, DecisionTrace trace) {
        String strategy = policy.getStrategy();
        List<Candidate> ordered = order(strategy, candidates, trace);
        ordered = applyFloor(policy, ordered, data, trace);
        ordered = attestation.apply(policy, ordered, calling);
        ordered = applyCallerId(policy, ordered, calling, trace);

        List<Route> routes = new ArrayList<>();
        for (Candidate c : ordered) {
            String present = presents(c.carrier(), calling, pbx);
            if (!c.carrier().holds(calling) && calling != null) {
                trace.add(c.carrier().id() + " does not hold " + calling + ": presents the site's main number " + present);
            }
            routes.add(attestation.annotate(new Route(c.carrier().id().value(), Route.Kind.CARRIER,
                    DecisionTrace.withUser(c.carrier().trunkUri(), number), present, c.perMinute(),
                    c.carrier().currency(), strategy + " position " + (routes.size() + 1))));
        }
        return routes;
    }

    /** The number a route through {@code carrier} presents: the caller's where it holds it, else the site's main number. */
    static String presents(Carrier carrier, String calling, Pbx pbx) {
        return carrier.holds(calling) ? calling : pbx.mainNumber().value();
    }

    private List<Candidate> order(String strategy, List<Candidate> candidates, DecisionTrace trace) {
        List<Candidate> out = new ArrayList<>(candidates);
        switch (strategy) {
            case "LEAST_COST" -> out.sort(Comparator.comparing(Candidate::expectedCost).thenComparingInt(Candidate::position));
            case "WEIGHTED" -> {
                out.clear();
                out.addAll(weighted(candidates));
            }
            case "PRIORITY" -> out.sort(Comparator.comparingInt(Candidate::position));
            // Uploads refuse any other strategy (EnumeratedColumns); one that still arrives must not route by a guess.
            default -> throw new IllegalStateException("routing strategy '" + strategy + "' is none of "
                    + EnumeratedColumns.STRATEGIES + "; correct the routing table");
        }
        trace.add(strategy + " order: " + out.stream().map(c -> c.carrier().id().value()
                + ("WEIGHTED".equals(strategy) ? ":" + c.weight() : "")).toList());
        return out;
    }

    /** Weighted random order: each pick in proportion to the weights of the carriers still in the pool. */
    private List<Candidate> weighted(List<Candidate> candidates) {
        List<Candidate> pool = new ArrayList<>(candidates);
        List<Candidate> out = new ArrayList<>();
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
        return out;
    }

    private static List<Candidate> applyFloor(PolicyQuery policy, List<Candidate> ordered, RoutingData data,
                                              DecisionTrace trace) {
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

    private static List<Candidate> applyCallerId(PolicyQuery policy, List<Candidate> ordered, String calling,
                                                 DecisionTrace trace) {
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
}
