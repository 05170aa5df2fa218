package io.trunkline.rules;

import io.trunkline.rules.alerts.AlertSubject;
import io.trunkline.rules.classification.Destination;
import io.trunkline.rules.dialplan.DialString;
import io.trunkline.rules.routing.PolicyQuery;
import java.util.List;
import java.util.Map;

/**
 * The columns of the analysts' decision tables whose cells must hold one of a known set of values. A quoted
 * cell compiles whatever it says ({@code choose(..., "LEAST_COSt")}), so a typo there would change decisions
 * without a word; the platform checks these cells when a table is uploaded and refuses the table naming
 * the cell. A new rulebook lists its enumerated columns here, in {@link #TABLES}.
 */
public final class EnumeratedColumns {

    /** Where a column's allowed values come from. */
    public enum Domain {
        /** The values listed with the column. */
        FIXED,
        /** ISO 3166-1 alpha-2 country codes, in any letter case (sites are matched ignoring case). */
        COUNTRIES,
        /** The ids of the carriers the platform's master data holds. */
        CARRIERS,
        /** The ids of the PBXs the platform's master data holds. */
        PBXS
    }

    /** How a cell holds its values. */
    public enum Shape {
        /** One value. */
        ONE,
        /** Values separated by spaces or commas. */
        LIST,
        /** Values separated by spaces only: a comma is part of a value (as {@code AlertSubject.subjectIn} reads it). */
        SPACED_LIST,
        /** Values separated by spaces or commas, each may carry a weight: {@code carrier-a:70}. */
        WEIGHTED_LIST
    }

    /**
     * One enumerated column.
     *
     * @param header    its title in the shipped table, used in refusals when the uploaded title cell is blank
     * @param code      text of its code-row cell that identifies it (what the cell does, whatever its title)
     * @param domain    where its values come from
     * @param values    the allowed values of a {@link Domain#FIXED} column
     * @param shape     one value or a list
     * @param required  a blank cell is refused (the row would otherwise decide nothing, or match everything)
     * @param wildcard  {@code *} stands for any value
     * @param whenColumn with {@code whenValue}: the column is checked only in rows where the column of this
     *                   table with that header says that value (alert Subjects are carriers, PBXs or classes
     *                   by the row's Dimension); null: in every row
     */
    public record Column(String header, String code, Domain domain, List<String> values, Shape shape,
                         boolean required, boolean wildcard, String whenColumn, String whenValue) {

        public Column {
            values = List.copyOf(values);
        }

        static Column of(String header, String code, Domain domain, List<String> values) {
            return new Column(header, code, domain, values, Shape.ONE, false, false, null, null);
        }

        Column requiredCell() {
            return new Column(header, code, domain, values, shape, true, wildcard, whenColumn, whenValue);
        }

        Column shaped(Shape listShape) {
            return new Column(header, code, domain, values, listShape, required, wildcard, whenColumn, whenValue);
        }

        Column withWildcard() {
            return new Column(header, code, domain, values, shape, required, true, whenColumn, whenValue);
        }

        Column when(String column, String value) {
            return new Column(header, code, domain, values, shape, required, wildcard, column, value);
        }
    }

    private static Column fixed(String header, String code, List<String> values) {
        return Column.of(header, code, Domain.FIXED, values);
    }

    private static Column ids(String header, String code, Domain domain) {
        return Column.of(header, code, domain, List.of());
    }

    /** By table file name: the enumerated columns of each analysts' table. */
    private static final Map<String, List<Column>> TABLES = Map.of(
            "DialPlanNormalization.drl.xlsx", List.of(
                    ids("PBX", "pbx ==", Domain.PBXS),
                    ids("Target PBX", "setTargetPbx(", Domain.PBXS),
                    fixed("Result type", "decide(", DialString.RESULT_TYPES).requiredCell()),
            "DestinationClassification.drl.xlsx", List.of(
                    ids("Site country", "siteIn(", Domain.COUNTRIES).shaped(Shape.LIST),
                    fixed("Class", "classify(", Destination.CLASSES).requiredCell()),
            "RoutingPolicy.drl.xlsx", List.of(
                    ids("PBX", "pbxIn(", Domain.PBXS).shaped(Shape.LIST).withWildcard(),
                    fixed("Class", "callClass ==", Destination.CLASSES).requiredCell(),
                    ids("Carriers", "setCarriers(", Domain.CARRIERS).shaped(Shape.WEIGHTED_LIST),
                    fixed("Below floor", "setFloorAction(", PolicyQuery.FLOOR_ACTIONS),
                    fixed("Caller ID", "setCallerId(", PolicyQuery.CALLER_ID_POLICIES),
                    fixed("Strategy", "choose(", PolicyQuery.STRATEGIES).requiredCell()),
            "AlertThresholds.drl.xlsx", List.of(
                    fixed("Dimension", "dimension ==", AlertSubject.DIMENSIONS),
                    ids("Subjects", "subjectIn(", Domain.CARRIERS).shaped(Shape.SPACED_LIST).withWildcard()
                            .when("Dimension", "carrier"),
                    ids("Subjects", "subjectIn(", Domain.PBXS).shaped(Shape.SPACED_LIST).withWildcard()
                            .when("Dimension", "pbx"),
                    fixed("Subjects", "subjectIn(", Destination.CLASSES).shaped(Shape.SPACED_LIST).withWildcard()
                            .when("Dimension", "class"),
                    fixed("Severity", "setSeverity(", AlertSubject.SEVERITIES)));

    private EnumeratedColumns() {
    }

    /** The enumerated columns of the decision table {@code fileName}; none for a file not listed. */
    public static List<Column> of(String fileName) {
        return TABLES.getOrDefault(fileName, List.of());
    }
}
