package io.trunkline.ejb.porting.application;

import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
import io.trunkline.ejb.platform.api.EdgeTestCalls;
import io.trunkline.ejb.workflow.api.WorkflowSteps;
import io.trunkline.processes.porting.NumberPortProcess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;

/**
 * Port day's proof: one synthetic call to every ported number, placed by an edge node as if it came from the gaining
 * carrier, must be answered by the target PBX. The calls' records (their {@code testCall} is
 * {@code port-<id>-<n>}) are the evidence; the report lists each outcome. Calls go one after another, so a large
 * port does not take the nodes' test-call capacity from a drill.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PortTestCalls {

    /** The calling number of the test calls (a number the PBX will accept from outside). */
    static final String CALLER = "trunkline.porting.test-caller";
    static final String DEFAULT_CALLER = "+12025550100";

    @EJB
    private EdgeTestCalls edge;

    public Map<String, Object> run(WorkflowSteps.Step step) {
        List<String> numbers = PortingSteps.numbers(step);
        String gaining = step.text(NumberPortProcess.GAINING);
        String pbx = step.text(NumberPortProcess.TARGET_PBX);
        String caller = System.getProperty(CALLER, DEFAULT_CALLER);
        StringBuilder report = new StringBuilder();
        boolean passed = true;
        for (int i = 0; i < numbers.size(); i++) {
            String id = "port-" + step.workflowId() + "-" + (i + 1);
            String line;
            try {
                TestCallResult r = edge.place(new TestCallRequest(id, RouteRequest.Direction.INBOUND, gaining, caller,
                        numbers.get(i), Set.of(), TestCallRequest.DEFAULT_HOLD_MS, TestCallRequest.DEFAULT_TIMEOUT_MS));
                boolean ok = r.outcome() == TestCallResult.Outcome.ANSWERED && pbx.equals(r.answeredBy());
                passed &= ok;
                line = numbers.get(i) + ": " + (ok ? "PASSED" : "FAILED") + " " + r.outcome() + " " + r.sipCode()
                        + (r.answeredBy() == null ? "" : " by " + r.answeredBy())
                        + (r.setupMs() == null ? "" : " in " + r.setupMs() + " ms")
                        + " (test call " + id + ", call " + r.callId() + ")" + (ok || r.detail() == null ? "" : ": " + r.detail());
            } catch (EdgeTestCalls.Unavailable | IllegalArgumentException e) {
                passed = false;
                line = numbers.get(i) + ": FAILED not placed (test call " + id + "): " + e.getMessage();
            }
            report.append(line).append('\n');
        }
        Map<String, Object> out = new HashMap<>();
        out.put(NumberPortProcess.TESTS_PASSED, passed);
        out.put("testReport", report.toString().strip());
        return out;
    }
}
