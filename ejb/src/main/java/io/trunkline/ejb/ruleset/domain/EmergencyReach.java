package io.trunkline.ejb.ruleset.domain;

import io.trunkline.ejb.ruleset.api.LintFinding;
import io.trunkline.ejb.ruleset.api.LintFinding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether every site's emergency calls reach a carrier ({@code NO_EMERGENCY_ROUTE}, {@code NO_EMERGENCY_DIALING}):
 * its dial plan must make some dialed number EMERGENCY; the routing table must give EMERGENCY calls from it a policy
 * at every hour and for every number (a row no call reaches, a REJECT row, or no row at all leaves them refused); and
 * master data must hold a carrier to take them (the site's designated emergency carrier, or one with the EMERGENCY
 * capability licensed in its country, as the decision's emergency stage picks them).
 */
final class EmergencyReach {

    private static final String EMERGENCY = "EMERGENCY";

    private EmergencyReach() {
    }

    /** The routing table's findings: rows barring emergency calls, sites no row routes, sites master data leaves out. */
    static List<LintFinding> routing(String rulebook, DecisionTable table, List<DecisionTable.Row> order,
                                     Set<Integer> neverDecide, LintMasterData data) {
        Optional<DecisionTable.Column> classes = table.column("callClass ==");
        Optional<DecisionTable.Column> strategy = table.column("choose(");
        if (classes.isEmpty() || strategy.isEmpty()) {
            return List.of();
        }
        Optional<DecisionTable.Column> pbxs = table.column("pbxIn(");
        Dimension<?> pbxMatch = pbxs.flatMap(ColumnMatchers::of).orElse(new Dimension.Text());
        Dimension<?> classMatch = ColumnMatchers.of(classes.get()).orElseThrow();
        List<DecisionTable.Column> others = table.columns().stream()
                .filter(c -> c != classes.get() && pbxs.map(p -> p != c).orElse(true))
                .filter(c -> ColumnMatchers.of(c).isPresent()).toList();

        Map<Integer, List<String>> barredBy = new TreeMap<>();
        Map<Integer, Boolean> barsAll = new TreeMap<>();
        Set<String> unrouted = new TreeSet<>();
        for (String pbx : new TreeSet<>(data.pbxCountries().keySet())) {
            // A row matching every emergency call of the site decides the rest: routed, or barred (said above).
            boolean decided = false;
            for (DecisionTable.Row row : order) {
                if (neverDecide.contains(row.number())
                        || !pbxMatch.covers(List.of(pbxs.map(row::cell).orElse("")), pbx)
                        || !classMatch.covers(List.of(row.cell(classes.get())), EMERGENCY)) {
                    continue;
                }
                boolean every = others.stream().allMatch(c -> ColumnMatchers.of(c).orElseThrow().selectsAll(row.cell(c)));
                if (row.cell(strategy.get()).equals("REJECT")) {
                    barredBy.computeIfAbsent(row.number(), n -> new ArrayList<>()).add(pbx);
                    barsAll.put(row.number(), every);
                }
                if (every) {
                    decided = true;
                    break;
                }
            }
            if (!decided) {
                unrouted.add(pbx);
            }
        }
        List<LintFinding> out = new ArrayList<>();
        barredBy.forEach((number, sites) -> out.add(new LintFinding(Severity.ERROR, "NO_EMERGENCY_ROUTE", rulebook,
                table.file(), table.sheet(), number, strategy.get().letter(), List.of(),
                "Row " + number + " refuses " + (barsAll.get(number) ? "the" : "some") + " EMERGENCY calls of "
                        + sites(sites) + " (" + strategy.get().named() + " REJECT): emergency calls must always be routed.")));
        if (!unrouted.isEmpty()) {
            out.add(new LintFinding(Severity.ERROR, "NO_EMERGENCY_ROUTE", rulebook, table.file(), table.sheet(), null,
                    null, List.of(), "No row of " + table.sheet() + " routes every EMERGENCY call of " + sites(unrouted)
                    + " (whatever the number and the hour): the emergency calls no row matches are refused "
                    + "(404, no routing policy)."));
        }
        for (String pbx : new TreeSet<>(data.pbxCountries().keySet())) {
            data.emergencyGap(pbx).ifPresent(gap -> out.add(new LintFinding(Severity.ERROR, "NO_EMERGENCY_ROUTE",
                    rulebook, null, null, null, null, List.of(), "PBX " + pbx + " (" + data.pbxCountries().get(pbx)
                    + "): " + gap + ", so its emergency calls end nowhere (503); fix it in master data.")));
        }
        return out;
    }

    /** The dial plan's finding: sites none of whose reachable rows makes a dialed number EMERGENCY. */
    static List<LintFinding> dialling(String rulebook, DecisionTable table, Set<Integer> neverDecide,
                                      LintMasterData data) {
        Optional<DecisionTable.Column> pbxs = table.column("pbx ==");
        Optional<DecisionTable.Column> result = table.column("decide(");
        if (pbxs.isEmpty() || result.isEmpty() || table.column("dialed(").isEmpty()) {
            return List.of();
        }
        Dimension<?> pbxMatch = ColumnMatchers.of(pbxs.get()).orElseThrow();
        Set<String> without = new TreeSet<>();
        for (String pbx : data.pbxCountries().keySet()) {
            boolean dials = table.rows().stream().anyMatch(row -> row.firing() != null && row.firing().enabled()
                    && !neverDecide.contains(row.number()) && row.cell(result.get()).equals(EMERGENCY)
                    && pbxMatch.covers(List.of(row.cell(pbxs.get())), pbx));
            if (!dials) {
                without.add(pbx);
            }
        }
        if (without.isEmpty()) {
            return List.of();
        }
        return List.of(new LintFinding(Severity.ERROR, "NO_EMERGENCY_DIALING", rulebook, table.file(), table.sheet(),
                null, result.get().letter(), List.of(), "No row of " + table.sheet() + " that a dialed number reaches makes "
                + "it EMERGENCY for " + sites(without) + ": users there cannot reach emergency services (what they dial "
                + "is refused or routed as an ordinary call)."));
    }

    private static String sites(java.util.Collection<String> pbxs) {
        return (pbxs.size() == 1 ? "PBX " : "PBXs ") + String.join(", ", pbxs);
    }
}
