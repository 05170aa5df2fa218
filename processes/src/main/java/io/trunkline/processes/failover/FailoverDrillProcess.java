package io.trunkline.processes.failover;

import io.trunkline.processes.ProcessCatalog;
import io.trunkline.processes.VariableFormats;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The failover drill's id, resource, steps and start variables: synthetic calls from {@code sourcePbx} to the test
 * numbers, first routed normally (the baseline), then with {@code carrier} down for the drill's calls only; the
 * drill passes when every drill call is answered by another carrier (by {@code expectCarrier} when given) within
 * {@code maxAddedSetupMs} of its baseline's setup time.
 */
public final class FailoverDrillProcess {

    public static final String PROCESS_ID = "failover.FailoverDrill";
    public static final String RESOURCE = "io/trunkline/processes/failover/FailoverDrill.bpmn";
    public static final String REVIEW_TASK = "Review the failed failover drill";

    /** Service steps (the {@code Action} input of the process's "Trunkline" service tasks). */
    public static final String CHECK = "failover.drill.check";
    public static final String BASELINE = "failover.drill.baseline";
    public static final String DRILL = "failover.drill.calls";
    public static final String JUDGE = "failover.drill.judge";
    public static final String ALERT = "failover.drill.alert";

    public static final String CARRIER = "carrier";
    public static final String SOURCE_PBX = "sourcePbx";
    public static final String TEST_NUMBERS = "testNumbers";
    public static final String MAX_ADDED_SETUP_MS = "maxAddedSetupMs";
    public static final String EXPECT_CARRIER = "expectCarrier";
    public static final String START_AT = "startAt";
    /** Set by the steps: each call's result as the edge's JSON, the verdict, the report and its document's id. */
    public static final String BASELINE_CALLS = "baselineCalls";
    public static final String DRILL_CALLS = "drillCalls";
    public static final String PASSED = "passed";
    public static final String REPORT = "report";
    public static final String REPORT_DOCUMENT = "reportDocument";
    public static final String FINDINGS = "findings";

    /** Default limit of the setup time a failover may add (a retry after a fast 503 takes well under a second). */
    public static final int DEFAULT_MAX_ADDED_SETUP_MS = 5000;
    /** Most numbers one drill calls: two calls each, one after another, so a drill stays within minutes. */
    public static final int MAX_NUMBERS = 20;

    public static final ProcessCatalog.ProcessEntry ENTRY =
            new ProcessCatalog.ProcessEntry(PROCESS_ID, RESOURCE, FailoverDrillProcess::variables);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> KNOWN = Set.of(CARRIER, SOURCE_PBX, TEST_NUMBERS, MAX_ADDED_SETUP_MS,
            EXPECT_CARRIER, START_AT);

    private FailoverDrillProcess() {
    }

    /** The start variables from the workflow API or the drill schedule, checked and completed. */
    public static Map<String, Object> variables(Map<String, Object> given) {
        Map<String, Object> in = given == null ? Map.of() : given;
        for (String name : in.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new ProcessCatalog.InvalidVariable(name, "is not a variable of " + PROCESS_ID);
            }
        }
        Map<String, Object> vars = new HashMap<>();
        String carrier = id(in.get(CARRIER), CARRIER, "a carrier id");
        vars.put(CARRIER, carrier);
        vars.put(SOURCE_PBX, id(in.get(SOURCE_PBX), SOURCE_PBX, "a PBX id"));
        vars.put(TEST_NUMBERS, new ArrayList<>(testNumbers(in.get(TEST_NUMBERS))));
        vars.put(MAX_ADDED_SETUP_MS, maxAddedSetupMs(in.get(MAX_ADDED_SETUP_MS)));
        if (in.get(EXPECT_CARRIER) != null) {
            String expect = id(in.get(EXPECT_CARRIER), EXPECT_CARRIER, "a carrier id");
            if (expect.equals(carrier)) {
                throw new ProcessCatalog.InvalidVariable(EXPECT_CARRIER, "must differ from " + CARRIER
                        + " (the carrier under test is down for the drill)");
            }
            vars.put(EXPECT_CARRIER, expect);
        }
        if (in.get(START_AT) != null) {
            vars.put(START_AT, startAt(in.get(START_AT)));
        }
        vars.put(PASSED, Boolean.FALSE);
        return vars;
    }

    /** The numbers to call: a list or a string separated by commas, semicolons or spaces; E.164, no repeats. */
    public static List<String> testNumbers(Object value) {
        Collection<?> entries;
        if (value instanceof Collection<?> c) {
            entries = c;
        } else if (value instanceof String s) {
            entries = List.of(s.split("[,;\\s]+"));
        } else {
            throw new ProcessCatalog.InvalidVariable(TEST_NUMBERS, "is required (E.164 numbers such as +442079460123)");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Object o : entries) {
            String n = o == null ? "" : o.toString().trim();
            if (n.isEmpty()) {
                continue;
            }
            if (!VariableFormats.E164.matcher(n).matches()) {
                throw new ProcessCatalog.InvalidVariable(TEST_NUMBERS, "'" + n + "' is not an E.164 number");
            }
            out.add(n);
        }
        if (out.isEmpty()) {
            throw new ProcessCatalog.InvalidVariable(TEST_NUMBERS, "must name at least one number");
        }
        if (out.size() > MAX_NUMBERS) {
            throw new ProcessCatalog.InvalidVariable(TEST_NUMBERS, "holds more than " + MAX_NUMBERS + " numbers");
        }
        return List.copyOf(out);
    }

    private static Integer maxAddedSetupMs(Object value) {
        if (value == null) {
            return DEFAULT_MAX_ADDED_SETUP_MS;
        }
        try {
            BigDecimal n = value instanceof Number num ? new BigDecimal(num.toString()) : new BigDecimal(value.toString().trim());
            int ms = n.intValueExact();
            if (ms >= 0 && ms <= 60_000) {
                return ms;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // refused below with the reason
        }
        throw new ProcessCatalog.InvalidVariable(MAX_ADDED_SETUP_MS, "must be whole milliseconds from 0 to 60000");
    }

    /** An ISO-8601 date-time with its offset, kept to the second in UTC: the business calendar's date-time form. */
    private static String startAt(Object value) {
        try {
            return OffsetDateTime.parse(value.toString().trim()).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            throw new ProcessCatalog.InvalidVariable(START_AT,
                    "must be an ISO-8601 date-time with an offset such as 2026-12-18T02:00:00Z");
        }
    }

    private static String id(Object value, String name, String what) {
        if (!(value instanceof String s) || !ID.matcher(s.trim()).matches()) {
            throw new ProcessCatalog.InvalidVariable(name, "is required (" + what + ")");
        }
        return s.trim();
    }
}
