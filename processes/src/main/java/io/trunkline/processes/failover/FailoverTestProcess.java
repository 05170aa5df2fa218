package io.trunkline.processes.failover;

import java.time.Duration;
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
}
