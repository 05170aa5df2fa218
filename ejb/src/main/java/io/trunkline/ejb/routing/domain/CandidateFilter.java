package io.trunkline.ejb.routing.domain;

import io.trunkline.rules.routing.PolicyQuery;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage of an outbound decision: the carriers the policy names (or every carrier by priority), less those that
 * can't take the call — capability for the class, licence for the region, marked down, at the channel limit, no rate
 * under least cost, a rate above the policy's maximum — each kept with its rate and expected cost.
 */
public final class CandidateFilter {

    private static final MathContext MONEY = MathContext.DECIMAL64;

    private final DecisionSettings settings;

    CandidateFilter(DecisionSettings settings) {
        this.settings = settings;
    }

    List<Candidate> candidates(String number, String region, PolicyQuery policy, RoutingData data, DecisionTrace trace,
                               Instant at) {
        List<Candidate> candidates = new ArrayList<>();
        int position = 0;
        for (Map.Entry<String, Integer> entry : policyCarriers(policy, data).entrySet()) {
            Optional<Carrier> found = data.carrier(entry.getKey());
            if (found.isEmpty()) {
                trace.add(entry.getKey() + " skipped: named by the policy but not configured");
                continue;
            }
            Carrier c = found.get();
            String refusal = refusal(c, policy.getCallClass(), region, data.state(c.id()));
            if (refusal != null) {
                trace.add(c.id() + " skipped: " + refusal);
                continue;
            }
            ZonedDateTime carrierLocal = at.atZone(c.zone());
            Optional<Rate> rate = data.rates(c.id()).lookup(number.substring(1), carrierLocal.toLocalDate());
            if (rate.isEmpty() && "LEAST_COST".equals(policy.getStrategy())) {
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
                        + c.billing() + " costs " + cost.setScale(5, RoundingMode.HALF_UP).toPlainString());
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
        return candidates;
    }

    /** Carrier ids named by the policy with their weights, or every carrier by priority when it names none. */
    static Map<String, Integer> policyCarriers(PolicyQuery policy, RoutingData data) {
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
            int weight;
            if (colon >= 0) {
                try {
                    weight = Integer.parseInt(token.substring(colon + 1));
                } catch (NumberFormatException e) {
                    weight = 0;
                }
            } else {
                weight = data.carrier(id).map(Carrier::weight).orElse(1);
            }
            out.put(id, weight);
        }
        return out;
    }

    /** Why the carrier can't take this call, or null when it can. */
    static String refusal(Carrier c, String callClass, String region, CarrierState state) {
        String never = neverTakes(c, callClass, region);
        if (never != null) {
            return never;
        }
        if (!state.up()) {
            return "marked down";
        }
        if (c.maxChannels() > 0 && state.activeCalls() >= c.maxChannels()) {
            return "at its channel limit (" + state.activeCalls() + "/" + c.maxChannels() + ")";
        }
        return null;
    }

    /**
     * Why the carrier never takes calls of {@code callClass} to a number of {@code region}, whatever its state: the
     * capability the class needs, the licence for the region (null: not asked); null when it may.
     */
    public static String neverTakes(Carrier c, String callClass, String region) {
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
        return null;
    }
}
