package io.trunkline.ejb.ruleset.domain;

import io.trunkline.rules.EnumeratedColumns;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Which columns of the analysts' decision tables select the calls (or measures, or subjects) a row applies to, and how
 * a cell of each does, known by what the column's code cell calls on the fact ({@code pbxIn(}, {@code dialed(}...),
 * whatever its title. Most are CONDITION columns; the fraud table matches in its actions (its rows' classes,
 * prefixes and allowed hours are judged by the row's last column), so those ACTION columns select too. A
 * CONDITION column not listed here is compared by its text ({@link Dimension.Text}).
 */
final class ColumnMatchers {

    private static final List<String> TRUE_FALSE = List.of("true", "false");
    private static final Pattern NULL_TEST = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*\\s*==\\s*null\\s*,?");

    /** By code fragment, in the order tried (the first contained in a column's code cell wins). */
    private static final Map<String, Supplier<Dimension<?>>> BY_CODE = new java.util.LinkedHashMap<>();

    static {
        // Routing (PolicyQuery): pbxIn takes ids or *, the class one value compared exactly.
        BY_CODE.put("pbxIn(", () -> values(true, false, true, false, null));
        BY_CODE.put("callClass ==", () -> values(false, false, false, false, EnumeratedColumns.CLASSES));
        BY_CODE.put("destinationStartsWith(", Dimension.Prefixes::new);
        BY_CODE.put("within(", () -> new Dimension.TimeWindows(false));
        // Dial plan (DialString).
        BY_CODE.put("pbx ==", () -> values(false, false, false, false, null));
        BY_CODE.put("dialed(", Dimension.DialPatterns::new);
        // Classification (Destination): countries in any letter case.
        BY_CODE.put("siteIn(", () -> values(true, false, false, true, null));
        BY_CODE.put("startsWithAny(", Dimension.Prefixes::new);
        // Fraud (FraudCheck): matched in the row's own consequence; blank or * for any class.
        BY_CODE.put("setClasses(", () -> values(true, false, true, true, EnumeratedColumns.CLASSES));
        BY_CODE.put("setPrefixes(", Dimension.Prefixes::new);
        BY_CODE.put("setAllowedHours(", () -> new Dimension.TimeWindows(true));
        // Attestation (AttestationQuery, IdentityQuery): lists in any letter case, * for any.
        BY_CODE.put("classIn(", () -> values(true, false, true, true, EnumeratedColumns.CLASSES));
        BY_CODE.put("numberIn(", () -> values(true, false, true, true, EnumeratedColumns.NUMBER_STANDINGS));
        BY_CODE.put("forwardedIs(", () -> values(false, false, false, true, EnumeratedColumns.YES_NO));
        BY_CODE.put("originIn(", () -> values(true, false, true, true, EnumeratedColumns.ORIGINS));
        BY_CODE.put("carrierIn(", () -> values(true, false, true, true, null));
        BY_CODE.put("outcomeIn(", () -> values(true, false, true, true, EnumeratedColumns.IDENTITY_OUTCOMES));
        BY_CODE.put("failureIn(", () -> values(true, false, true, true, EnumeratedColumns.IDENTITY_FAILURES));
        BY_CODE.put("attestIn(", () -> values(true, false, true, true, EnumeratedColumns.ATTESTATION_LEVELS));
        // Alerts (AlertSubject): subjects separated by spaces, blank or * for any.
        BY_CODE.put("dimension ==", () -> values(false, false, false, false, EnumeratedColumns.DIMENSIONS));
        BY_CODE.put("subjectIn(", () -> values(true, true, true, false, null));
        BY_CODE.put("asrBelow(", () -> new Dimension.Threshold(true));
        BY_CODE.put("successBelow(", () -> new Dimension.Threshold(true));
        BY_CODE.put("mosBelow(", () -> new Dimension.Threshold(true));
        BY_CODE.put("pddP95Above(", () -> new Dimension.Threshold(false));
        BY_CODE.put("identityFailedAbove(", () -> new Dimension.Threshold(false));
        BY_CODE.put("trunkDown ==", () -> values(false, false, false, false, TRUE_FALSE));
        BY_CODE.put("silentInBusyHours ==", () -> values(false, false, false, false, TRUE_FALSE));
        BY_CODE.put("hasIncident() ==", () -> values(false, false, false, false, TRUE_FALSE));
        // SLA credits (SlaMeasure).
        BY_CODE.put("measure ==", () -> values(false, false, false, false, EnumeratedColumns.SLA_MEASURES));
        BY_CODE.put("breached ==", () -> values(false, false, false, false, TRUE_FALSE));
        BY_CODE.put("attempts >=", () -> new Dimension.Threshold(false));
    }

    private ColumnMatchers() {
    }

    private static Dimension<?> values(boolean list, boolean spacedOnly, boolean wildcard, boolean ignoreCase,
                                       List<String> universe) {
        return new Dimension.Values(list, spacedOnly, wildcard, ignoreCase, universe);
    }

    /** How the column's cells select calls; empty for a column that only acts. */
    static Optional<Dimension<?>> of(DecisionTable.Column column) {
        // The "not decided yet" test a column may carry ("callClass == null, startsWithAny(...)") is not what it selects.
        String code = NULL_TEST.matcher(column.code() == null ? "" : column.code()).replaceAll("");
        for (Map.Entry<String, Supplier<Dimension<?>>> e : BY_CODE.entrySet()) {
            if (code.contains(e.getKey())) {
                return Optional.of(e.getValue().get());
            }
        }
        return column.condition() ? Optional.of(new Dimension.Text()) : Optional.empty();
    }
}
