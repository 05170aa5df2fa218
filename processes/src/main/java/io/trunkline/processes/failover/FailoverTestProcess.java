package io.trunkline.processes.failover;

import io.trunkline.processes.ProcessCatalog;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The failover-test workflow's id, resource and variables, so callers never spell them by hand.
 */
public final class FailoverTestProcess {

    public static final String PROCESS_ID = "failover.FailoverTest";
    public static final String RESOURCE = "io/trunkline/processes/failover/FailoverTest.bpmn";
    public static final String APPROVE_TASK = "Approve failover test plan";
    public static final String EVIDENCE_TASK = "Record failover test evidence";
    public static final String GROUP = "compliance";
    /** The evidence task's outputs, mapped to process variables of the same names. */
    public static final String OUTCOME = "outcome";
    public static final String FAILOVER_SECONDS = "failoverSeconds";
    public static final String NOTES = "notes";

    /** Started through the workflow API: {@code carrier} and {@code waitFor} (an ISO-8601 duration) required. */
    public static final ProcessCatalog.ProcessEntry ENTRY =
            new ProcessCatalog.ProcessEntry(PROCESS_ID, RESOURCE, FailoverTestProcess::variables);

    private FailoverTestProcess() {
    }

    /**
     * Start variables.
     *
     * @param carrier the carrier whose failover is tested
     * @param window  how long after approval the test window opens
     */
    public static Map<String, Object> variables(String carrier, Duration window) {
        if (carrier == null || carrier.isBlank()) {
            throw new IllegalArgumentException("carrier is required");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be a positive duration");
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("carrier", carrier);
        vars.put("waitFor", window.toString());
        return vars;
    }

    /** The start variables from the workflow API, checked: unknown names are refused too. */
    static Map<String, Object> variables(Map<String, Object> given) {
        Map<String, Object> in = given == null ? Map.of() : given;
        for (String name : in.keySet()) {
            if (!name.equals("carrier") && !name.equals("waitFor")) {
                throw new ProcessCatalog.InvalidVariable(name, "is not a variable of " + PROCESS_ID);
            }
        }
        if (!(in.get("carrier") instanceof String carrier) || carrier.isBlank()) {
            throw new ProcessCatalog.InvalidVariable("carrier", "is required (a carrier id)");
        }
        if (!(in.get("waitFor") instanceof String waitFor)) {
            throw new ProcessCatalog.InvalidVariable("waitFor", "is required (an ISO-8601 duration such as PT1H)");
        }
        Duration window;
        try {
            window = Duration.parse(waitFor);
        } catch (DateTimeParseException e) {
            throw new ProcessCatalog.InvalidVariable("waitFor", "must be an ISO-8601 duration such as PT1H");
        }
        if (window.isNegative() || window.isZero()) {
            throw new ProcessCatalog.InvalidVariable("waitFor", "must be a positive duration");
        }
        return variables(carrier, window);
    }
}
