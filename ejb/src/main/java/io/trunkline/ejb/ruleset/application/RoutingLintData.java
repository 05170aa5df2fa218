package io.trunkline.ejb.ruleset.application;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.trunkline.ejb.routing.domain.CandidateFilter;
import io.trunkline.ejb.routing.domain.Capability;
import io.trunkline.ejb.routing.domain.EmergencyRouting;
import io.trunkline.ejb.routing.domain.Pbx;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.ruleset.domain.LintMasterData;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Master data as the linter asks it, read from one routing snapshot, answered by the decision's own stages: the
 * candidate filter's capability and licence test ({@link CandidateFilter#neverTakes}) and the emergency stage's
 * choice of carriers ({@link EmergencyRouting#carriers}), so the linter and a call never disagree.
 */
public final class RoutingLintData implements LintMasterData {

    private static final PhoneNumberUtil NUMBERING = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN_REGION = "ZZ";

    private final RoutingData data;

    public RoutingLintData(RoutingData data) {
        this.data = data;
    }

    @Override
    public Set<String> carriers() {
        return data.allCarriers().stream().map(c -> c.id().value()).collect(Collectors.toSet());
    }

    @Override
    public Map<String, String> pbxCountries() {
        Map<String, String> out = new TreeMap<>();
        data.allPbxs().forEach(p -> out.put(p.id().value(), p.country()));
        return out;
    }

    @Override
    public Optional<String> refusal(String carrier, String callClass, String region) {
        return data.carrier(carrier).map(c -> CandidateFilter.neverTakes(c, callClass, region));
    }

    @Override
    public Optional<String> emergencyGap(String pbx) {
        Optional<Pbx> site = data.pbx(pbx);
        if (site.isEmpty() || !EmergencyRouting.carriers(site.get(), data).isEmpty()) {
            return Optional.empty();
        }
        Pbx p = site.get();
        String designated = p.emergencyCarrier() == null ? "it names no emergency carrier"
                : "its emergency carrier " + p.emergencyCarrier().value() + " is not in master data";
        Set<String> capable = data.allCarriers().stream().filter(c -> c.can(Capability.EMERGENCY))
                .map(c -> c.id().value() + " (" + String.join(", ", new TreeSet<>(c.countries())) + ")")
                .collect(Collectors.toCollection(TreeSet::new));
        return Optional.of(designated + " and no carrier with the EMERGENCY capability is licensed for " + p.country()
                + (capable.isEmpty() ? " (none has it)" : " (those with it: " + String.join(", ", capable) + ")"));
    }

    @Override
    public Set<String> regionsOf(String prefix) {
        if (!prefix.startsWith("+")) {
            return Set.of();
        }
        String digits = prefix.substring(1);
        for (int length = 1; length <= Math.min(3, digits.length()); length++) {
            if (!digits.substring(0, length).chars().allMatch(Character::isDigit)) {
                return Set.of();
            }
            int code = Integer.parseInt(digits.substring(0, length));
            Set<String> regions = new TreeSet<>(NUMBERING.getRegionCodesForCountryCode(code));
            regions.remove(UNKNOWN_REGION);
            if (!regions.isEmpty()) {
                return regions;
            }
        }
        return Set.of();
    }
}
