package io.trunkline.ejb.ruleset.domain;

import io.trunkline.ejb.ruleset.api.LintFinding;
import io.trunkline.ejb.ruleset.api.LintFinding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The carriers a routing row sends its class of calls to, checked against master data as the decision's candidate
 * filter judges them: a carrier without the capability the class needs (toll-free, premium, international) or without
 * the licence for the calls' country is skipped on every such call. A carrier the row names that is skipped is a
 * {@code CARRIER_WITHOUT_CAPABILITY} or {@code CARRIER_WITHOUT_LICENCE} warning; a row none of whose carriers can take
 * its calls (for one of its sites or prefixes) refuses them all, an error ({@code NO_CARRIER_FOR_CLASS}). Emergency and
 * internal calls never go to the row's carriers ({@code CARRIERS_IGNORED}).
 */
final class CarrierReach {

    private static final Pattern LIST = Pattern.compile("[,\\s]+");
    private static final Set<String> SITE_CLASSES = Set.of("DOMESTIC", "MOBILE");

    private final String rulebook;
    private final DecisionTable table;
    private final LintMasterData data;
    private final DecisionTable.Column classes;
    private final DecisionTable.Column carriers;
    private final DecisionTable.Column strategy;
    private final Optional<DecisionTable.Column> pbxs;
    private final Optional<DecisionTable.Column> prefixes;

    private CarrierReach(String rulebook, DecisionTable table, LintMasterData data, DecisionTable.Column classes,
                         DecisionTable.Column carriers, DecisionTable.Column strategy) {
        this.rulebook = rulebook;
        this.table = table;
        this.data = data;
        this.classes = classes;
        this.carriers = carriers;
        this.strategy = strategy;
        this.pbxs = table.column("pbxIn(");
        this.prefixes = table.column("destinationStartsWith(");
    }

    /** The findings of a routing table (one with class, carriers and strategy columns); none for another table. */
    static List<LintFinding> check(String rulebook, DecisionTable table, LintMasterData data, Set<Integer> neverDecide) {
        Optional<DecisionTable.Column> c = table.column("callClass ==");
        Optional<DecisionTable.Column> k = table.column("setCarriers(");
        Optional<DecisionTable.Column> s = table.column("choose(");
        if (c.isEmpty() || k.isEmpty() || s.isEmpty()) {
            return List.of();
        }
        CarrierReach reach = new CarrierReach(rulebook, table, data, c.get(), k.get(), s.get());
        List<LintFinding> out = new ArrayList<>();
        for (DecisionTable.Row row : table.rows()) {
            if (row.firing() != null && !neverDecide.contains(row.number())) {
                reach.row(row, out);
            }
        }
        return out;
    }

    private void row(DecisionTable.Row row, List<LintFinding> out) {
        String cls = row.cell(classes);
        String named = row.cell(carriers);
        if (cls.isEmpty() || row.cell(strategy).equals("REJECT")) {
            return;
        }
        if (cls.equals("EMERGENCY") || cls.equals("INTERNAL")) {
            if (!named.isEmpty()) {
                out.add(finding(Severity.WARNING, "CARRIERS_IGNORED", row, "Row " + row.number() + " names carriers ("
                        + named + ") for " + cls + " calls, which never go to a row's carriers: "
                        + (cls.equals("EMERGENCY") ? "they go to the site's emergency carrier and every emergency-capable "
                        + "carrier licensed in its country" : "they go to the PBX that holds the extension") + "."));
            }
            return;
        }
        List<String> ids = ids(named);
        if (ids.isEmpty()) {
            return;
        }
        List<String> capable = new ArrayList<>();
        Map<String, String> incapable = new LinkedHashMap<>();
        for (String id : ids) {
            Optional<String> why = data.refusal(id, cls, null);
            if (why.isPresent()) {
                incapable.put(id, why.get());
            } else {
                capable.add(id);
            }
        }
        if (capable.isEmpty()) {
            out.add(finding(Severity.ERROR, "NO_CARRIER_FOR_CLASS", row, "Row " + row.number() + " sends " + cls
                    + " calls " + (named.isEmpty() ? "to any carrier, and no carrier of master data can take them"
                    : "only to carriers that cannot take them") + ": " + reasons(incapable)
                    + "; every such call is refused (503, no carrier can take this call)."));
            return;
        }
        if (!named.isEmpty()) {
            incapable.forEach((id, why) -> out.add(finding(Severity.WARNING, "CARRIER_WITHOUT_CAPABILITY", row,
                    "Row " + row.number() + " names " + id + " for " + cls + " calls, but " + id + " " + why
                            + " (master data): those calls always skip it.")));
        }
        regions(row, cls).forEach((whose, regions) -> licence(row, cls, named.isEmpty(), capable, whose, regions, out));
    }

    private void licence(DecisionTable.Row row, String cls, boolean anyCarrier, List<String> capable, String whose,
                         Set<String> regions, List<LintFinding> out) {
        List<String> licensed = new ArrayList<>();
        Map<String, String> unlicensed = new LinkedHashMap<>();
        for (String id : capable) {
            List<String> refusals = new ArrayList<>();
            for (String region : regions) {
                data.refusal(id, cls, region).ifPresent(refusals::add);
            }
            if (refusals.size() < regions.size()) {
                licensed.add(id);
            } else {
                unlicensed.put(id, regions.size() == 1 ? refusals.get(0)
                        : "not licensed for any of " + String.join(", ", regions));
            }
        }
        if (licensed.isEmpty()) {
            out.add(finding(Severity.ERROR, "NO_CARRIER_FOR_CLASS", row, "Row " + row.number() + ": " + cls + " calls "
                    + whose + " reach none of " + (anyCarrier ? "master data's carriers" : "its carriers") + ": "
                    + reasons(unlicensed) + "; every such call is refused (503, no carrier can take this call)."));
        } else if (!anyCarrier) {
            unlicensed.forEach((id, why) -> out.add(finding(Severity.WARNING, "CARRIER_WITHOUT_LICENCE", row,
                    "Row " + row.number() + " names " + id + " for " + cls + " calls, but " + id + " is " + why
                            + " (master data): " + cls + " calls " + whose + " always skip it.")));
        }
    }

    /**
     * The countries the row's calls go to, by whose calls they are: for domestic and mobile calls each site's own
     * country ({@code of london-teams} → GB); for other classes the countries of the row's prefixes ({@code to +44} →
     * GB, GG, IM, JE); none when the row names no prefix (the calls may go anywhere).
     */
    private Map<String, Set<String>> regions(DecisionTable.Row row, String cls) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (SITE_CLASSES.contains(cls)) {
            Map<String, List<String>> sitesByCountry = new java.util.TreeMap<>();
            String cell = pbxs.map(row::cell).orElse("");
            Set<String> listed = new LinkedHashSet<>(List.of(LIST.split(cell.trim())));
            data.pbxCountries().forEach((pbx, country) -> {
                if (cell.isBlank() || listed.contains("*") || listed.contains(pbx)) {
                    sitesByCountry.computeIfAbsent(country, k -> new ArrayList<>()).add(pbx);
                }
            });
            sitesByCountry.forEach((country, sites) ->
                    out.put("of " + String.join(", ", new TreeSet<>(sites)) + " (" + country + ")", Set.of(country)));
            return out;
        }
        for (String prefix : prefixes.map(row::cell).map(c -> LIST.split(c.trim())).orElse(new String[0])) {
            Set<String> regions = prefix.isEmpty() ? Set.of() : new TreeSet<>(data.regionsOf(prefix));
            if (!regions.isEmpty()) {
                out.put("to " + prefix, regions);
            }
        }
        return out;
    }

    /** The carrier ids a Carriers cell names, weights left off; blank: every carrier of master data. */
    private List<String> ids(String cell) {
        if (cell.isBlank()) {
            return new ArrayList<>(new TreeSet<>(data.carriers()));
        }
        List<String> out = new ArrayList<>();
        for (String token : LIST.split(cell.trim())) {
            int colon = token.indexOf(':');
            String id = colon < 0 ? token : token.substring(0, colon);
            if (!id.isEmpty() && data.carriers().contains(id) && !out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private static String reasons(Map<String, String> why) {
        List<String> parts = new ArrayList<>();
        why.forEach((id, reason) -> parts.add(id + " " + (reason.startsWith("not ") ? "is " : "") + reason));
        return String.join("; ", parts);
    }

    private LintFinding finding(Severity severity, String code, DecisionTable.Row row, String message) {
        return new LintFinding(severity, code, rulebook, table.file(), table.sheet(), row.number(), carriers.letter(),
                List.of(), message);
    }
}
