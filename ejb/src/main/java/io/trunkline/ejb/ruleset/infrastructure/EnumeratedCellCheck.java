package io.trunkline.ejb.ruleset.infrastructure;

import io.trunkline.ejb.ruleset.api.RuleProblem;
import io.trunkline.ejb.ruleset.api.RuleRow;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.rules.EnumeratedColumns;
import io.trunkline.rules.EnumeratedColumns.Domain;
import io.trunkline.rules.Rulebook;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the enumerated cells of a rule version's decision tables ({@link EnumeratedColumns}): a strategy,
 * class or floor action outside its list, a country that is no ISO 3166-1 code, a carrier or PBX id that
 * master data does not hold. Drools compiles such a cell as any other quoted text, so only this check
 * stands between an analyst's typo and a silent change of routing. It also finds the rows that name a
 * carrier or PBX, so that master data cannot delete one that a rule still names.
 */
public final class EnumeratedCellCheck {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** The carrier and PBX ids master data holds now. */
    public record KnownIds(Set<String> carriers, Set<String> pbxs) {
        public KnownIds {
            carriers = Set.copyOf(carriers);
            pbxs = Set.copyOf(pbxs);
        }

        Set<String> of(Domain domain) {
            return domain == Domain.CARRIERS ? carriers : pbxs;
        }
    }

    /** A cell naming a carrier or PBX ({@code domain}) that master data does not hold. */
    public record UnknownId(Domain domain, RuleProblem problem) {
    }

    /** A located cell of an enumerated column. */
    private record Cell(String resource, TableCells.Table table, TableCells.DataRow row, TableCells.Column column,
                        EnumeratedColumns.Column spec, String value) {
        String header() {
            return column.title().isEmpty() ? spec.header() : column.title();
        }

        RuleProblem problem(List<String> allowed, String message) {
            return new RuleProblem(resource, table.sheet(), row.number(), column.letter(), header(), allowed,
                    header() + " " + message);
        }
    }

    /** Every enumerated cell of {@code files} outside its allowed values, in table and row order. */
    public List<RuleProblem> problems(Rulebook rulebook, Map<String, byte[]> files, KnownIds known) {
        List<RuleProblem> out = new ArrayList<>();
        for (Cell cell : cells(rulebook, files)) {
            check(cell, known, out);
        }
        return out;
    }

    /**
     * The carrier and PBX cells of {@code files} naming an id master data does not hold, in table and row order (the
     * other enumerated cells left out: a stored version passed their check when it was uploaded, while master data
     * may have changed since).
     */
    public List<UnknownId> unknownIds(Rulebook rulebook, Map<String, byte[]> files, KnownIds known) {
        List<UnknownId> out = new ArrayList<>();
        for (Cell cell : cells(rulebook, files)) {
            if (cell.spec().domain() == Domain.CARRIERS || cell.spec().domain() == Domain.PBXS) {
                List<RuleProblem> problems = new ArrayList<>();
                check(cell, known, problems);
                problems.forEach(p -> out.add(new UnknownId(cell.spec().domain(), p)));
            }
        }
        return out;
    }

    /** The rows of {@code version} whose carrier (or PBX) cells name {@code id}. */
    public List<RuleRow> rowsNaming(RulebookVersion version, Map<String, byte[]> files, Domain domain, String id) {
        List<RuleRow> out = new ArrayList<>();
        Optional<Rulebook> rulebook = Rulebook.byName(version.rulebook());
        if (rulebook.isEmpty()) {
            return out;
        }
        for (Cell cell : cells(rulebook.get(), files)) {
            if (cell.spec().domain() == domain && tokens(cell).stream().anyMatch(t -> idOf(cell, t).equals(id))) {
                out.add(new RuleRow(version.rulebook(), version.version(), cell.resource(), cell.table().sheet(),
                        cell.row().number(), cell.column().letter(), cell.header()));
            }
        }
        return out;
    }

    private static List<Cell> cells(Rulebook rulebook, Map<String, byte[]> files) {
        List<Cell> out = new ArrayList<>();
        for (String resource : rulebook.decisionTables()) {
            List<EnumeratedColumns.Column> specs = EnumeratedColumns.of(resource);
            if (specs.isEmpty() || !files.containsKey(resource)) {
                continue;
            }
            for (TableCells.Table table : TableCells.read(files.get(resource))) {
                for (TableCells.DataRow row : table.rows()) {
                    for (EnumeratedColumns.Column spec : specs) {
                        Optional<TableCells.Column> column = columnOf(table, spec);
                        if (column.isPresent() && applies(table, row, specs, spec)) {
                            out.add(new Cell(resource, table, row, column.get(), spec, row.value(column.get())));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The table's column whose code cell does what {@code spec} describes (whatever its title says). */
    private static Optional<TableCells.Column> columnOf(TableCells.Table table, EnumeratedColumns.Column spec) {
        return table.columns().stream().filter(c -> c.code().contains(spec.code())).findFirst();
    }

    private static boolean applies(TableCells.Table table, TableCells.DataRow row, List<EnumeratedColumns.Column> specs,
                                   EnumeratedColumns.Column spec) {
        if (spec.whenColumn() == null) {
            return true;
        }
        return specs.stream().filter(s -> s.header().equals(spec.whenColumn())).findFirst()
                .flatMap(s -> columnOf(table, s))
                .map(c -> row.value(c).equals(spec.whenValue()))
                .orElse(false);
    }

    private static void check(Cell cell, KnownIds known, List<RuleProblem> out) {
        EnumeratedColumns.Column spec = cell.spec();
        if (cell.value().isEmpty()) {
            if (spec.required()) {
                out.add(cell.problem(allowed(spec, known), "is blank; every row must say one of "
                        + String.join(", ", allowed(spec, known))));
            }
            return;
        }
        if (spec.domain() == Domain.TIME_WINDOW) {
            // One window in words, spaces and all.
            String refusal = timeWindowRefusal(cell.value().trim());
            if (refusal != null) {
                out.add(cell.problem(null, "'" + cell.value() + "' " + refusal));
            }
            return;
        }
        List<String> tokens = tokens(cell);
        if (spec.shape() == EnumeratedColumns.Shape.ONE && tokens.size() != 1) {
            out.add(cell.problem(allowed(spec, known), "'" + cell.value() + "' must be one value, one of "
                    + String.join(", ", allowed(spec, known))));
            return;
        }
        for (String token : tokens) {
            String value = idOf(cell, token);
            if (spec.shape() == EnumeratedColumns.Shape.WEIGHTED_LIST && !value.equals(token)
                    && !token.substring(value.length() + 1).matches("[0-9]{1,6}")) {
                out.add(cell.problem(null, "'" + cell.value() + "': the weight of " + value + " must be a whole number, "
                        + "as in " + value + ":70"));
                continue;
            }
            if (spec.wildcard() && value.equals("*")) {
                continue;
            }
            String refusal = refusal(spec, value, known);
            if (refusal != null) {
                out.add(cell.problem(allowed(spec, known).isEmpty() ? null : allowed(spec, known),
                        "'" + value + "' " + refusal));
            }
        }
    }

    /** Why {@code value} is not allowed in the column, or null when it is. */
    private static String refusal(EnumeratedColumns.Column spec, String value, KnownIds known) {
        return switch (spec.domain()) {
            case COUNTRIES -> COUNTRIES.contains(value.toUpperCase(Locale.ROOT)) ? null
                    : "is not an ISO 3166-1 alpha-2 country code (such as US, CA, GB)";
            case CARRIERS -> known.carriers().contains(value) ? null
                    : "is no carrier of master data; the carriers are " + listed(known.carriers());
            case PBXS -> known.pbxs().contains(value) ? null
                    : "is no PBX of master data; the PBXs are " + listed(known.pbxs());
            case FORMAT -> value.matches(spec.values().get(0)) ? null : "is not " + spec.values().get(1);
            case TIME_WINDOW -> timeWindowRefusal(value);
            case FIXED -> spec.values().contains(value) ? null : "is not one of " + String.join(", ", spec.values())
                    + spec.values().stream().filter(v -> v.equalsIgnoreCase(value)).findFirst()
                    .map(v -> " (did you mean " + v + "? letter case matters)").orElse("");
        };
    }

    private static List<String> allowed(EnumeratedColumns.Column spec, KnownIds known) {
        return switch (spec.domain()) {
            case FIXED -> spec.values();
            case COUNTRIES, FORMAT, TIME_WINDOW -> List.of();
            case CARRIERS, PBXS -> List.copyOf(new TreeSet<>(known.of(spec.domain())));
        };
    }

    private static String timeWindowRefusal(String value) {
        try {
            io.trunkline.rules.routing.TimeWindow.parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a time window such as 08:00-18:00 Mon-Fri: " + e.getMessage();
        }
    }

    private static String listed(Collection<String> ids) {
        return ids.isEmpty() ? "none yet" : String.join(", ", new TreeSet<>(ids));
    }

    private static List<String> tokens(Cell cell) {
        String separators = switch (cell.spec().shape()) {
            case ONE, SPACED_LIST -> "\\s+";
            case LIST, WEIGHTED_LIST -> "[,\\s]+";
        };
        List<String> out = new ArrayList<>();
        for (String t : cell.value().split(separators)) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The id of a list entry: {@code carrier-a} of {@code carrier-a:70} in a weighted list. */
    private static String idOf(Cell cell, String token) {
        int colon = token.indexOf(':');
        return cell.spec().shape() == EnumeratedColumns.Shape.WEIGHTED_LIST && colon > 0 ? token.substring(0, colon) : token;
    }
}
