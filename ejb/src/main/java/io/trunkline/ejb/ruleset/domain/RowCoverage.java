package io.trunkline.ejb.ruleset.domain;

import io.trunkline.ejb.ruleset.api.LintFinding;
import io.trunkline.ejb.ruleset.api.LintFinding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rows of one decision table compared with each other as the table fires them: in salience order (a Sequential
 * RuleSet gives each row one less than the row above; a PRIORITY column its own), then in row order, an earlier row
 * that fires stops a later one when both are of one activation group, when both test the same "not decided yet" field
 * and the earlier modifies its fact (the first-match tables: routing, dial plan, classification, attestation), when
 * the earlier is a fraud ALLOW restriction (it ends the table for the call), or in the SLA credit table (the first
 * row holding for a measure decides). Finds:
 * <ul>
 *   <li>{@code SHADOWED_ROW}: an earlier row that stops it matches every call the row matches, so it never decides;</li>
 *   <li>{@code UNREACHABLE_ROW}: several earlier rows together do (they differ in one column and together cover the
 *   row's cell in it), or the row's own cells select nothing;</li>
 *   <li>{@code OVERLAPPING_PREFIXES}, {@code OVERLAPPING_DIAL_PATTERNS}, {@code OVERLAPPING_TIME_WINDOWS}: two rows
 *   that decide differently share some calls by their prefixes, dial patterns or time windows, neither holding the
 *   other, so which decides those calls is by their order alone. (A specific row above a general one, the tables'
 *   documented way, is not one: the earlier row's calls all belong to the later one.)</li>
 * </ul>
 * Tables whose every matching row acts (the alert thresholds, the fraud velocity rows) have no such findings.
 */
final class RowCoverage {

    /** Why an earlier row stops a later one, in the words the findings use. */
    enum Precedence {
        FIRST_MATCH("the first matching row decides", "decides"),
        ACTIVATION_GROUP("only one row of their activation group fires", "decides"),
        ALLOW_ENDS("an ALLOW row ends the table for the call", "applies"),
        FIRST_HOLDS("the first row that holds decides", "decides");

        private final String why;
        private final String verb;

        Precedence(String why, String verb) {
            this.why = why;
            this.verb = verb;
        }
    }

    /** A column that selects calls, and how. */
    private record Selector(DecisionTable.Column column, Dimension<?> dimension) {
        String cell(DecisionTable.Row row) {
            return row.cell(column);
        }
    }

    /** What the table's checks found, and the rows that never decide or apply (for the checks that follow). */
    record Result(List<LintFinding> findings, Set<Integer> neverDecide) {
    }

    private final String rulebook;
    private final DecisionTable table;
    private final List<Selector> selectors = new ArrayList<>();
    private final List<Selector> cheapFirst;
    private final List<DecisionTable.Column> actions = new ArrayList<>();
    private final String noun;
    private final Optional<DecisionTable.Column> credit;
    private final Optional<DecisionTable.Column> fraudAction;
    private final Optional<DecisionTable.Column> counter;

    RowCoverage(String rulebook, DecisionTable table) {
        this.rulebook = rulebook;
        this.table = table;
        for (DecisionTable.Column c : table.columns()) {
            Optional<Dimension<?>> d = ColumnMatchers.of(c);
            if (d.isPresent()) {
                selectors.add(new Selector(c, d.get()));
            } else if ("ACTION".equalsIgnoreCase(c.kind())) {
                actions.add(c);
            }
        }
        // Cheap comparisons first: most pairs of rows part on a listed value before a pattern needs walking.
        cheapFirst = selectors.stream().sorted(Comparator.comparingInt(sel -> sel.dimension().kind().ordinal())).toList();
        noun = table.column("measure ==").isPresent() ? "measure" : "call";
        credit = table.column(".credit(");
        fraudAction = table.column(".row(");
        counter = table.column("setCounter(");
    }

    /** The rows that fire, in the order they fire. */
    List<DecisionTable.Row> firingOrder() {
        return table.rows().stream()
                .filter(r -> r.firing() != null && r.firing().enabled())
                .sorted(Comparator.comparingInt((DecisionTable.Row r) -> -r.firing().salience())
                        .thenComparingInt(DecisionTable.Row::number))
                .toList();
    }

    /** Whether {@code a}, firing before {@code b}, stops it for the calls both match, and why. */
    Optional<Precedence> stops(DecisionTable.Row a, DecisionTable.Row b) {
        DecisionTable.Firing fa = a.firing();
        DecisionTable.Firing fb = b.firing();
        if (fa.activationGroup() != null && fa.activationGroup().equals(fb.activationGroup())) {
            return Optional.of(Precedence.ACTIVATION_GROUP);
        }
        if (fa.modifies()) {
            for (String guard : fa.guards()) {
                if (fb.guards().contains(guard)) {
                    return Optional.of(Precedence.FIRST_MATCH);
                }
            }
        }
        if (credit.isPresent() && !a.cell(credit.get()).isEmpty() && !b.cell(credit.get()).isEmpty()) {
            return Optional.of(Precedence.FIRST_HOLDS);
        }
        if (fraudAction.isPresent() && a.cell(fraudAction.get()).equalsIgnoreCase("ALLOW")
                && (counter.isEmpty() || a.cell(counter.get()).isEmpty())) {
            return Optional.of(Precedence.ALLOW_ENDS);
        }
        return Optional.empty();
    }

    Result check() {
        List<LintFinding> out = new ArrayList<>();
        Set<Integer> never = new TreeSet<>();
        List<DecisionTable.Row> order = firingOrder();
        // Each selecting cell read once: the pairs of rows are many, the cells few.
        Dimension.Read[][] read = new Dimension.Read[order.size()][cheapFirst.size()];
        for (int r = 0; r < order.size(); r++) {
            for (int c = 0; c < cheapFirst.size(); c++) {
                read[r][c] = cheapFirst.get(c).dimension().read(cheapFirst.get(c).cell(order.get(r)));
            }
        }
        for (int i = 0; i < order.size(); i++) {
            DecisionTable.Row b = order.get(i);
            Optional<Selector> none = selectors.stream().filter(s -> s.dimension().selectsNone(s.cell(b))).findFirst();
            if (none.isPresent()) {
                never.add(b.number());
                out.add(finding(Severity.ERROR, "UNREACHABLE_ROW", b, none.get().column(), List.of(),
                        "Row " + b.number() + " never applies: its " + none.get().column().named() + " '"
                                + none.get().cell(b) + "' " + selectsNothing(none.get())));
                continue;
            }
            List<DecisionTable.Row> stoppers = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (overlapsEverywhere(read[j], read[i]) && stops(order.get(j), b).isPresent()) {
                    stoppers.add(order.get(j));
                }
            }
            Optional<DecisionTable.Row> shadow = stoppers.stream().filter(a -> covers(List.of(a), b, null)).findFirst();
            if (shadow.isPresent()) {
                never.add(b.number());
                DecisionTable.Row a = shadow.get();
                Precedence p = stops(a, b).orElseThrow();
                out.add(finding(Severity.ERROR, "SHADOWED_ROW", b, null, List.of(a.number()),
                        "Row " + b.number() + " never " + p.verb + ": " + before(a, b) + (a.number() > b.number() ? "," : "")
                                + " matches every " + noun
                                + " row " + b.number() + " matches (" + describe(b) + "), and " + p.why + "."));
                continue;
            }
            Optional<List<DecisionTable.Row>> together = coveredTogether(stoppers, b);
            if (together.isPresent()) {
                never.add(b.number());
                List<DecisionTable.Row> rows = together.get();
                Precedence p = stops(rows.get(0), b).orElseThrow();
                out.add(finding(Severity.ERROR, "UNREACHABLE_ROW", b, null,
                        rows.stream().map(DecisionTable.Row::number).toList(),
                        "Row " + b.number() + " never " + p.verb + ": rows " + numbers(rows) + " before it together match every "
                                + noun + " row " + b.number() + " matches (" + describe(b) + "), and " + p.why + "."));
                continue;
            }
            for (DecisionTable.Row a : stoppers) {
                overlap(a, b).ifPresent(out::add);
            }
        }
        return new Result(out, never);
    }

    private String selectsNothing(Selector s) {
        if (s.dimension() instanceof Dimension.TimeWindows && s.column().code().contains("setAllowedHours(")) {
            return "take in the whole week, and the row applies only outside them.";
        }
        return "selects no " + noun + ".";
    }

    /** True when two rows, their cells read in {@link #cheapFirst}'s order, share a call in every column. */
    private boolean overlapsEverywhere(Dimension.Read[] a, Dimension.Read[] b) {
        for (int c = 0; c < cheapFirst.size(); c++) {
            if (!cheapFirst.get(c).dimension().overlaps(a[c], b[c])) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code union} together select every call {@code b} selects in every column but {@code except}. */
    private boolean covers(List<DecisionTable.Row> union, DecisionTable.Row b, Selector except) {
        for (Selector s : cheapFirst) {
            if (s == except) {
                continue;
            }
            List<String> cells = union.stream().map(s::cell).toList();
            if (!s.dimension().covers(cells, s.cell(b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rows that together cover {@code b}: each covers it in every column but one, the same for all, and in that
     * column they together select all it selects.
     */
    private Optional<List<DecisionTable.Row>> coveredTogether(List<DecisionTable.Row> stoppers, DecisionTable.Row b) {
        for (Selector s : selectors) {
            List<DecisionTable.Row> candidates = stoppers.stream().filter(a -> covers(List.of(a), b, s)).toList();
            if (candidates.size() > 1 && s.dimension().covers(candidates.stream().map(s::cell).toList(), s.cell(b))) {
                return Optional.of(candidates);
            }
        }
        return Optional.empty();
    }

    /** The finding when {@code a} and {@code b} partly share calls by a prefix, pattern or window and decide apart. */
    private Optional<LintFinding> overlap(DecisionTable.Row a, DecisionTable.Row b) {
        if (covers(List.of(b), a, null) || sameActions(a, b)) {
            return Optional.empty();
        }
        for (Selector s : selectors) {
            Dimension.Kind kind = s.dimension().kind();
            boolean spans = kind == Dimension.Kind.PREFIXES || kind == Dimension.Kind.DIAL_PATTERNS
                    || kind == Dimension.Kind.TIME_WINDOWS;
            if (spans && !s.cell(a).isEmpty() && !s.cell(b).isEmpty()) {
                String what = switch (kind) {
                    case PREFIXES -> "share numbers";
                    case DIAL_PATTERNS -> "match some dial strings alike";
                    default -> "share hours";
                };
                String code = switch (kind) {
                    case PREFIXES -> "OVERLAPPING_PREFIXES";
                    case DIAL_PATTERNS -> "OVERLAPPING_DIAL_PATTERNS";
                    default -> "OVERLAPPING_TIME_WINDOWS";
                };
                Precedence p = stops(a, b).orElseThrow();
                return Optional.of(finding(Severity.WARNING, code, b, s.column(), List.of(a.number()),
                        "Row " + b.number() + " overlaps " + before(a, b) + ": their " + s.column().named() + " '"
                                + s.cell(b) + "' and '" + s.cell(a) + "' " + what + ", and the rows decide differently; for the "
                                + noun + "s both match, row " + a.number() + " " + p.verb + " by its place alone ("
                                + p.why + ")."));
            }
        }
        return Optional.empty();
    }

    private boolean sameActions(DecisionTable.Row a, DecisionTable.Row b) {
        return actions.stream().allMatch(c -> a.cell(c).equals(b.cell(c)));
    }

    private static String before(DecisionTable.Row a, DecisionTable.Row b) {
        return a.number() < b.number() ? "row " + a.number() + " above it"
                : "row " + a.number() + ", which fires before it by its priority";
    }

    private static String numbers(List<DecisionTable.Row> rows) {
        List<String> n = rows.stream().map(r -> String.valueOf(r.number())).toList();
        return String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
    }

    /** The row's selecting cells in the analyst's words: {@code Class INTERNATIONAL, Destination starts with +1}. */
    private String describe(DecisionTable.Row row) {
        String cells = selectors.stream().filter(s -> !s.cell(row).isEmpty())
                .map(s -> s.column().named() + " " + s.cell(row))
                .collect(Collectors.joining(", "));
        return cells.isEmpty() ? "every " + noun : cells;
    }

    private LintFinding finding(Severity severity, String code, DecisionTable.Row row, DecisionTable.Column column,
                                List<Integer> others, String message) {
        return new LintFinding(severity, code, rulebook, table.file(), table.sheet(), row.number(),
                column == null ? null : column.letter(), others, message);
    }
}
