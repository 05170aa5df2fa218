package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.Signing;
import io.trunkline.contract.telecom.Attestation;
import io.trunkline.rules.attestation.AttestationQuery;
import io.trunkline.rules.routing.PolicyQuery;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Stage of an outbound decision: the STIR/SHAKEN attestation each candidate carrier would deliver the call with, and
 * the routing policy's attestation floor (carriers that would deliver less are dropped) and premium (a carrier
 * delivering A goes first when it costs at most that many percent more per minute than the cheapest). What a carrier
 * delivers follows from its master data: one that re-signs attests A for numbers in its blocks and its foreign
 * attestation for others; one that passes the enterprise's {@code Identity} through delivers what the attestation
 * rulebook gave the number the route presents (nothing when the rulebook leaves the call unsigned). The enterprise's
 * signing is decided once per presented number, since routes may present different ones.
 */
final class AttestationRouting {

    /** What one route is expected to arrive with, and why. */
    record Expected(Attestation arrives, String why) {

        String level() {
            return arrives == null ? "no attestation (unsigned)" : arrives.name();
        }
    }

    private final Pbx pbx;
    private final String callClass;
    private final boolean forwarded;
    private final RoutingData data;
    private final UnaryOperator<AttestationQuery> fire;
    private final DecisionTrace trace;
    private final Map<String, Optional<Signing>> signings = new HashMap<>();

    /** @param fire runs the attestation rulebook on a query */
    AttestationRouting(Pbx pbx, String callClass, boolean forwarded, RoutingData data,
                       UnaryOperator<AttestationQuery> fire, DecisionTrace trace) {
        this.pbx = pbx;
        this.callClass = callClass;
        this.forwarded = forwarded;
        this.data = data;
        this.fire = fire;
        this.trace = trace;
    }

    /** The enterprise's signing of a call presenting {@code presented}, decided by the rulebook once per number. */
    Optional<Signing> signing(String presented) {
        String key = presented == null ? "" : presented;
        Optional<Signing> known = signings.get(key);
        if (known == null) {
            known = AttestationStage.decide(pbx, callClass, presented, forwarded, data, fire, trace);
            signings.put(key, known);
        }
        return known;
    }

    /** What a call presenting {@code presented} arrives with through {@code carrier}. */
    Expected expected(Carrier carrier, String presented) {
        if (carrier.identity() == IdentityHandling.RESIGN) {
            return carrier.holds(presented)
                    ? new Expected(Attestation.A, "re-signs, and " + presented + " is in its number blocks")
                    : new Expected(carrier.foreignAttestation(), "re-signs, and " + (presented == null ? "no number"
                            : presented + " is not in its number blocks") + ": its foreign attestation");
        }
        Optional<Signing> own = signing(presented);
        return own.map(s -> new Expected(s.attest(), "passes the enterprise's Identity through ("
                        + s.attest() + " by " + s.decidedBy() + ")"))
                .orElseGet(() -> new Expected(null, "passes the enterprise's Identity through, and the enterprise "
                        + "does not sign " + presented));
    }

    /**
     * The candidates as the policy's attestation floor and premium leave them, with each one's expected attestation
     * in the trace.
     *
     * @param calling the caller's number (E.164, or null), which a carrier's route presents where the carrier holds it
     */
    List<Candidate> apply(PolicyQuery policy, List<Candidate> ordered, String calling) {
        // By identity: the candidates are this decision's own objects, and a record's hash would walk the whole
        // carrier (its lists and rates) for each of the few entries.
        Map<Candidate, Expected> expected = new IdentityHashMap<>();
        for (Candidate c : ordered) {
            Expected e = expected(c.carrier(), CarrierOrdering.presents(c.carrier(), calling, pbx));
            expected.put(c, e);
            trace.add(c.carrier().id() + " would deliver " + e.level() + ": " + e.why());
        }
        List<Candidate> out = floor(policy, ordered, expected);
        return premium(policy, out, expected);
    }

    private List<Candidate> floor(PolicyQuery policy, List<Candidate> ordered, Map<Candidate, Expected> expected) {
        if (policy.getAttestationFloor() == null) {
            return ordered;
        }
        Attestation floor = Attestation.of(policy.getAttestationFloor());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : ordered) {
            Attestation a = expected.get(c).arrives();
            if (a != null && a.atLeast(floor)) {
                kept.add(c);
            } else {
                trace.add(c.carrier().id() + " dropped: it would deliver " + expected.get(c).level()
                        + ", below the attestation floor " + floor + " (" + policy.getDecidedBy() + ")");
            }
        }
        return kept;
    }

    private List<Candidate> premium(PolicyQuery policy, List<Candidate> ordered, Map<Candidate, Expected> expected) {
        BigDecimal premium = policy.getAttestationPremium();
        if (premium == null || ordered.isEmpty() || expected.get(ordered.get(0)).arrives() == Attestation.A) {
            return ordered;
        }
        Candidate first = ordered.get(0);
        Candidate full = null;
        for (Candidate c : ordered) {
            if (expected.get(c).arrives() == Attestation.A) {
                full = c;
                break;
            }
        }
        if (full == null) {
            trace.add("attestation premium " + premium.toPlainString() + " %: no candidate delivers A");
            return ordered;
        }
        if (first.perMinute() == null || full.perMinute() == null || first.perMinute().signum() <= 0) {
            trace.add("attestation premium " + premium.toPlainString() + " %: " + full.carrier().id() + " delivers A but "
                    + "there are no rates to compare with " + first.carrier().id() + ": order kept");
            return ordered;
        }
        BigDecimal more = full.perMinute().subtract(first.perMinute()).multiply(BigDecimal.valueOf(100))
                .divide(first.perMinute(), MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_UP);
        String comparison = full.carrier().id() + " delivers A at " + full.perMinute().toPlainString() + "/min, "
                + more.toPlainString() + " % more than " + first.carrier().id() + " at " + first.perMinute().toPlainString()
                + "/min delivering " + expected.get(first).level();
        if (more.compareTo(premium) > 0) {
            trace.add(comparison + ": above the attestation premium " + premium.toPlainString() + " %, order kept");
            return ordered;
        }
        trace.add(comparison + ": within the attestation premium " + premium.toPlainString() + " %, "
                + full.carrier().id() + " first");
        List<Candidate> out = new ArrayList<>(ordered.size());
        out.add(full);
        for (Candidate c : ordered) {
            if (c != full) {
                out.add(c);
            }
        }
        return out;
    }

    /** {@code route} (to a carrier) with the enterprise's signing for its presented number and what it delivers. */
    Route annotate(Route route) {
        if (route.kind() != Route.Kind.CARRIER) {
            return route;
        }
        Signing signing = signing(route.presentNumber()).orElse(null);
        Attestation arrives = data.carrier(route.target())
                .map(c -> expected(c, route.presentNumber()).arrives())
                .orElse(signing == null ? null : signing.attest());
        return new Route(route.target(), route.kind(), route.uri(), route.presentNumber(), route.ratePerMinute(),
                route.currency(), route.reason(), signing, arrives);
    }
}
