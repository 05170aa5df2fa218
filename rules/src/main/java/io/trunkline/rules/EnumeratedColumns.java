package io.trunkline.rules;

import java.util.List;
import java.util.Map;

/**
 * The columns of the analysts' decision tables whose cells must hold one of a known set of values. A quoted
 * cell compiles whatever it says ({@code choose(..., "LEAST_COSt")}), so a typo there would change decisions
 * without a word; the platform checks these cells when a table is uploaded and refuses the table naming
 * the cell. A new rulebook lists its enumerated columns here, in {@link #TABLES}.
 */
public final class EnumeratedColumns {

    /** The destination classes: what classification decides, and what routing and alert rows name. */
    public static final List<String> CLASSES = List.of("EMERGENCY", "INTERNAL", "TOLL_FREE", "PREMIUM",
            "INTERNATIONAL", "DOMESTIC", "MOBILE");
    /** Routing strategies: the platform orders carriers by exactly these ({@code PolicyQuery.getStrategy}). */
    public static final List<String> STRATEGIES = List.of("LEAST_COST", "PRIORITY", "WEIGHTED", "REJECT");
    /** Carriers below the quality floor are tried last, or dropped. */
    public static final List<String> FLOOR_ACTIONS = List.of("LAST", "DROP");
    /** Which number a call presents: the site's main number, or carriers that hold the caller's first. */
    public static final List<String> CALLER_ID_POLICIES = List.of("MAIN_NUMBER", "PREFER_HOLDER");
    /** What a dial-plan row makes of a dial string. */
    public static final List<String> RESULT_TYPES = List.of("E164", "EXTENSION", "EMERGENCY");
    /** What an alert row watches (blank for any). */
    public static final List<String> DIMENSIONS = List.of("carrier", "trunk", "pbx", "class");
    /** How grave an alert is. */
    public static final List<String> SEVERITIES = List.of("WARNING", "CRITICAL");

    /** What a fraud row does ({@code FraudCheck.Action}). */
    public static final List<String> FRAUD_ACTIONS = List.of("ALLOW", "ALERT", "BLOCK", "BLOCK_SOURCE");
    /** Whose calls a fraud row counts, or what it blocks ({@code FraudCheck.Scope}). */
    public static final List<String> FRAUD_SCOPES = List.of("EXTENSION", "PBX", "PREFIX");
    /** What a fraud velocity row counts ({@code FraudCheck.Counter}). */
    public static final List<String> FRAUD_COUNTERS = List.of("CALLS_PER_MINUTE", "CONCURRENT_CALLS",
            "DISTINCT_DESTINATIONS_PER_HOUR", "SHORT_CALL_RATIO", "SPEND_PER_HOUR");

    /** STIR/SHAKEN attestation levels ({@code contract.telecom.Attestation}). */
    public static final List<String> ATTESTATION_LEVELS = List.of("A", "B", "C");
    /** Where a calling number stands in the DID inventory ({@code AttestationQuery.Standing}). */
    public static final List<String> NUMBER_STANDINGS = List.of("ASSIGNED_TO_PBX", "HELD_ELSEWHERE", "NOT_HELD", "NONE");
    /** What kind of source a PBX is ({@code AttestationQuery.Origin}). */
    public static final List<String> ORIGINS = List.of("PBX", "GATEWAY", "TRANSIT");
    public static final List<String> YES_NO = List.of("yes", "no");
    /** What the edge's verification found of an inbound identity ({@code IdentityQuery.Outcome}). */
    public static final List<String> IDENTITY_OUTCOMES = List.of("PASSED", "FAILED", "MISSING");
    /** Why an inbound identity failed (the edge's {@code StirFailure}, less MISSING, which is an outcome). */
    public static final List<String> IDENTITY_FAILURES = List.of("BAD_INFO", "UNSUPPORTED_CREDENTIAL", "INVALID", "STALE");
    /** What an InboundIdentity row does with the call ({@code IdentityQuery.Action}). */
    public static final List<String> IDENTITY_ACTIONS = List.of("TAG", "REFUSE");

    /** What an SlaCredit row judges ({@code SlaMeasure.getMeasure}). */
    public static final List<String> SLA_MEASURES = List.of("availability", "asr", "ner", "pdd", "mos");

    private static final String NUMBER = "[0-9]{1,12}(\\.[0-9]{1,6})?";

    /** Where a column's allowed values come from. */
    public enum Domain {
        /** The values listed with the column. */
        FIXED,
        /** ISO 3166-1 alpha-2 country codes, in any letter case (sites are matched ignoring case). */
        COUNTRIES,
        /** The ids of the carriers the platform's master data holds. */
        CARRIERS,
        /** The ids of the PBXs the platform's master data holds. */
        PBXS,
        /** Text of a form: the column's first value is the pattern, the second says it in words. */
        FORMAT,
        /** A site time window as {@code TimeWindow.parse} reads it ({@code 08:00-18:00 Mon-Fri}). */
        TIME_WINDOW
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

    private static Column format(String header, String code, String pattern, String inWords) {
        return Column.of(header, code, Domain.FORMAT, List.of(pattern, inWords));
    }

    private static Column ids(String header, String code, Domain domain) {
        return Column.of(header, code, domain, List.of());
    }

    /** By table file name: the enumerated columns of each analysts' table. */
    private static final Map<String, List<Column>> TABLES = Map.ofEntries(
            Map.entry("DialPlanNormalization.drl.xlsx", List.of(
                    ids("PBX", "pbx ==", Domain.PBXS),
                    ids("Target PBX", "setTargetPbx(", Domain.PBXS),
                    fixed("Result type", "decide(", RESULT_TYPES).requiredCell())),
            Map.entry("DestinationClassification.drl.xlsx", List.of(
                    ids("Site country", "siteIn(", Domain.COUNTRIES).shaped(Shape.LIST),
                    fixed("Class", "classify(", CLASSES).requiredCell())),
            Map.entry("RoutingPolicy.drl.xlsx", List.of(
                    ids("PBX", "pbxIn(", Domain.PBXS).shaped(Shape.LIST).withWildcard(),
                    fixed("Class", "callClass ==", CLASSES).requiredCell(),
                    ids("Carriers", "setCarriers(", Domain.CARRIERS).shaped(Shape.WEIGHTED_LIST),
                    fixed("Below floor", "setFloorAction(", FLOOR_ACTIONS),
                    Column.of("Time window", "within(", Domain.TIME_WINDOW, List.of()),
                    fixed("Caller ID", "setCallerId(", CALLER_ID_POLICIES),
                    fixed("Attestation floor", "setAttestationFloor(", ATTESTATION_LEVELS),
                    format("Attestation premium %", "setAttestationPremium(", NUMBER, "a percentage such as 5 or 12.5"),
                    fixed("Strategy", "choose(", STRATEGIES).requiredCell())),
            Map.entry("AlertThresholds.drl.xlsx", List.of(
                    fixed("Dimension", "dimension ==", DIMENSIONS),
                    ids("Subjects", "subjectIn(", Domain.CARRIERS).shaped(Shape.SPACED_LIST).withWildcard()
                            .when("Dimension", "carrier"),
                    ids("Subjects", "subjectIn(", Domain.PBXS).shaped(Shape.SPACED_LIST).withWildcard()
                            .when("Dimension", "pbx"),
                    fixed("Subjects", "subjectIn(", CLASSES).shaped(Shape.SPACED_LIST).withWildcard()
                            .when("Dimension", "class"),
                    fixed("Severity", "setSeverity(", SEVERITIES))),
            Map.entry("FraudPolicy.drl.xlsx", List.of(
                    // Required: a row with no condition at all would leave its actions without their fact.
                    ids("PBX", "pbxIn(", Domain.PBXS).shaped(Shape.LIST).withWildcard().requiredCell(),
                    fixed("Class", "setClasses(", CLASSES).shaped(Shape.LIST).withWildcard(),
                    Column.of("Allowed hours", "setAllowedHours(", Domain.TIME_WINDOW, List.of()),
                    fixed("Scope", "setScope(", FRAUD_SCOPES),
                    fixed("Counter", "setCounter(", FRAUD_COUNTERS),
                    format("Min calls", "setMinCalls(", "[0-9]{1,9}", "a whole number such as 50"),
                    format("Warning at", "setWarning(", NUMBER, "a number such as 5 or 0.75"),
                    format("Critical at", "setCritical(", NUMBER, "a number such as 10 or 2.50"),
                    format("Block for", "setBlockFor(", "[0-9]{1,6}[smhd]", "a duration such as 30s, 15m, 1h or 1d"),
                    // Required: the row's last column takes the row; without it its cells would leak into the next.
                    fixed("Action", "$f.row(", FRAUD_ACTIONS).requiredCell())),
            Map.entry("Attestation.drl.xlsx", List.of(
                    // Required: the PBX cell carries the "not decided yet" test that makes the table first-match.
                    ids("PBX", "pbxIn(", Domain.PBXS).shaped(Shape.LIST).withWildcard().requiredCell(),
                    fixed("Class", "classIn(", CLASSES).shaped(Shape.LIST).withWildcard(),
                    fixed("Number", "numberIn(", NUMBER_STANDINGS).shaped(Shape.LIST),
                    fixed("Forwarded", "forwardedIs(", YES_NO),
                    fixed("Origin", "originIn(", ORIGINS).shaped(Shape.LIST),
                    fixed("Sign", "setSign(", YES_NO),
                    fixed("Attestation", "attest(", ATTESTATION_LEVELS).requiredCell())),
            Map.entry("InboundIdentity.drl.xlsx", List.of(
                    // Required: the Carrier cell carries the "not decided yet" test that makes the table first-match.
                    ids("Carrier", "carrierIn(", Domain.CARRIERS).shaped(Shape.LIST).withWildcard().requiredCell(),
                    fixed("Outcome", "outcomeIn(", IDENTITY_OUTCOMES).shaped(Shape.LIST),
                    fixed("Failure", "failureIn(", IDENTITY_FAILURES).shaped(Shape.LIST),
                    fixed("Attestation", "attestIn(", ATTESTATION_LEVELS).shaped(Shape.LIST),
                    fixed("Action", "decide(", IDENTITY_ACTIONS).requiredCell())),
            Map.entry("SlaCredit.drl.xlsx", List.of(
                    fixed("Measure", "measure ==", SLA_MEASURES).requiredCell(),
                    format("Min calls in month", "attempts >=", "[0-9]{1,12}", "a whole number such as 1000"),
                    format("Credit %", "$m.credit(", "schedule|" + NUMBER, "schedule or a percentage such as 5 or 2.5")
                            .requiredCell())));

    private EnumeratedColumns() {
    }

    /** The enumerated columns of the decision table {@code fileName}; none for a file not listed. */
    public static List<Column> of(String fileName) {
        return TABLES.getOrDefault(fileName, List.of());
    }
}
