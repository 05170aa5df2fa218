package io.trunkline.processes.porting;

import io.trunkline.processes.ProcessCatalog;
import io.trunkline.processes.VariableFormats;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * The number-porting workflow's id, resource, tasks, service steps and start variables: the numbers (single numbers
 * or ranges) move from the losing to the gaining carrier and to the target PBX on the FOC date.
 */
public final class NumberPortProcess {

    public static final String PROCESS_ID = "porting.NumberPort";
    public static final String RESOURCE = "io/trunkline/processes/porting/NumberPort.bpmn";
    public static final String SIGN_TASK = "Sign the letter of authorization";
    public static final String FOC_TASK = "Record the FOC date";
    public static final String INVESTIGATE_TASK = "Investigate the failed port";

    /** Service steps (the {@code Action} input of the process's "Trunkline" service tasks). */
    public static final String RESERVE = "porting.reserve";
    public static final String LOA = "porting.loa";
    public static final String SUBMIT = "porting.submit";
    public static final String ESCALATE = "porting.escalate";
    public static final String TRANSFER = "porting.transfer";
    public static final String TEST_CALLS = "porting.testCalls";
    public static final String CLOSE = "porting.close";
    public static final String ROLL_BACK = "porting.rollBack";

    /** The signal that re-arms the port-day timer after {@code focAt} changed. */
    public static final String RESCHEDULE_SIGNAL = "reschedule";

    public static final String NUMBERS = "numbers";
    public static final String LOSING = "losingCarrier";
    public static final String GAINING = "gainingCarrier";
    public static final String TARGET_PBX = "targetPbx";
    public static final String REQUESTED_DATE = "requestedDate";
    public static final String FOC_ESCALATION = "focEscalation";
    public static final String FOC_AT = "focAt";
    public static final String PORTED = "ported";
    public static final String TESTS_PASSED = "testsPassed";

    /** Most numbers one port may carry (a range of ten thousand is a whole block). */
    public static final int MAX_NUMBERS = 10_000;
    /** Default time without a FOC before escalation: business time on the platform's business calendar. */
    public static final String DEFAULT_FOC_ESCALATION = "3d";

    public static final ProcessCatalog.ProcessEntry ENTRY = new ProcessCatalog.ProcessEntry(PROCESS_ID, RESOURCE,
            NumberPortProcess::variables, vars -> !Boolean.TRUE.equals(vars.get(PORTED)),
            "the numbers have been ported: a port is undone by its rollback, not cancelled");

    private static final Set<String> KNOWN = Set.of(NUMBERS, LOSING, GAINING, TARGET_PBX, REQUESTED_DATE, FOC_ESCALATION);

    private NumberPortProcess() {
    }

    /** The start variables from the workflow API, checked and completed: unknown names are refused. */
    static Map<String, Object> variables(Map<String, Object> given) {
        Map<String, Object> in = given == null ? Map.of() : given;
        for (String name : in.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new ProcessCatalog.InvalidVariable(name, "is not a variable of " + PROCESS_ID);
            }
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put(NUMBERS, new ArrayList<>(numbers(in.get(NUMBERS))));
        String losing = id(in, LOSING, "a carrier id");
        String gaining = id(in, GAINING, "a carrier id");
        if (losing.equals(gaining)) {
            throw new ProcessCatalog.InvalidVariable(GAINING, "must differ from " + LOSING);
        }
        vars.put(LOSING, losing);
        vars.put(GAINING, gaining);
        vars.put(TARGET_PBX, id(in, TARGET_PBX, "a PBX id"));
        if (!(in.get(REQUESTED_DATE) instanceof String date)) {
            throw new ProcessCatalog.InvalidVariable(REQUESTED_DATE, "is required (an ISO-8601 date such as 2026-12-18)");
        }
        try {
            vars.put(REQUESTED_DATE, LocalDate.parse(date).toString());
        } catch (DateTimeParseException e) {
            throw new ProcessCatalog.InvalidVariable(REQUESTED_DATE, "must be an ISO-8601 date such as 2026-12-18");
        }
        Object escalation = in.getOrDefault(FOC_ESCALATION, DEFAULT_FOC_ESCALATION);
        if (!(escalation instanceof String e) || !VariableFormats.BUSINESS_TIME.matcher(e.trim()).matches()) {
            throw new ProcessCatalog.InvalidVariable(FOC_ESCALATION,
                    "must be business time such as 3d or 4h 30m (or ISO-8601 such as P3D)");
        }
        vars.put(FOC_ESCALATION, ((String) escalation).trim());
        vars.put(PORTED, Boolean.FALSE);
        return vars;
    }

    private static String id(Map<String, Object> in, String name, String what) {
        if (!(in.get(name) instanceof String s) || s.isBlank() || s.length() > 64) {
            throw new ProcessCatalog.InvalidVariable(name, "is required (" + what + ")");
        }
        return s.trim();
    }

    /**
     * The numbers of a port, sorted and without repeats: each entry an E.164 number or a range written
     * {@code +442071234500-+442071234599} or {@code +442071234500-599} (the end's last digits).
     */
    public static List<String> numbers(Object value) {
        Collection<?> entries;
        if (value instanceof Collection<?> c) {
            entries = c;
        } else if (value instanceof String s) {
            entries = List.of(s.split("[,;\\s]+"));
        } else {
            throw new ProcessCatalog.InvalidVariable(NUMBERS,
                    "is required (E.164 numbers or ranges such as +442071234500-599)");
        }
        TreeSet<String> out = new TreeSet<>();
        for (Object o : entries) {
            String entry = o == null ? "" : o.toString().trim();
            if (entry.isEmpty()) {
                continue;
            }
            expand(entry, out);
            if (out.size() > MAX_NUMBERS) {
                throw new ProcessCatalog.InvalidVariable(NUMBERS, "holds more than " + MAX_NUMBERS + " numbers");
            }
        }
        if (out.isEmpty()) {
            throw new ProcessCatalog.InvalidVariable(NUMBERS, "must name at least one number");
        }
        return List.copyOf(out);
    }

    private static void expand(String entry, TreeSet<String> out) {
        int dash = entry.indexOf('-');
        if (dash < 0) {
            out.add(e164(entry));
            return;
        }
        String first = e164(entry.substring(0, dash).trim());
        String end = entry.substring(dash + 1).trim();
        String last;
        if (end.startsWith("+")) {
            last = e164(end);
        } else if (end.matches("[0-9]{1,6}") && end.length() < first.length() - 1) {
            last = first.substring(0, first.length() - end.length()) + end;
        } else {
            throw new ProcessCatalog.InvalidVariable(NUMBERS, "'" + entry + "' is not a range such as +442071234500-599");
        }
        if (last.length() != first.length() || last.compareTo(first) < 0) {
            throw new ProcessCatalog.InvalidVariable(NUMBERS, "'" + entry + "' ends before it starts");
        }
        long from = Long.parseLong(first.substring(1));
        long to = Long.parseLong(last.substring(1));
        if (to - from >= MAX_NUMBERS) {
            throw new ProcessCatalog.InvalidVariable(NUMBERS, "'" + entry + "' holds more than " + MAX_NUMBERS + " numbers");
        }
        for (long n = from; n <= to; n++) {
            out.add("+" + n);
        }
    }

    private static String e164(String s) {
        Matcher m = VariableFormats.E164.matcher(s);
        if (!m.matches()) {
            throw new ProcessCatalog.InvalidVariable(NUMBERS, "'" + s + "' is not an E.164 number");
        }
        return s;
    }
}
