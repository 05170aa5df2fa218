package io.trunkline.ejb.failover.application;

import io.trunkline.contract.json.Json;
import io.trunkline.contract.testcall.TestCallCodec;
import io.trunkline.contract.testcall.TestCallResult;
import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.failover.domain.DrillVerdict;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.WorkflowDocuments;
import io.trunkline.ejb.workflow.api.WorkflowSteps;
import io.trunkline.processes.failover.FailoverDrillProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service steps of {@code failover.FailoverDrill}: the check against the master data (in the start's
 * transaction, so a drill of an unknown carrier is refused 400), the baseline and drill calls (asynchronous: they
 * take seconds each), the verdict with its report, and the failed drill's alert.
 */
@Stateless
public class DrillSteps implements WorkflowSteps {

    private static final Logger LOG = LoggerFactory.getLogger(DrillSteps.class);
    private static final Set<String> ACTIONS = Set.of(FailoverDrillProcess.CHECK, FailoverDrillProcess.BASELINE,
            FailoverDrillProcess.DRILL, FailoverDrillProcess.JUDGE, FailoverDrillProcess.ALERT);

    @EJB
    private RoutingDataHolder routing;
    @EJB
    private DrillCalls calls;
    @EJB
    private WorkflowDocuments documents;
    @EJB
    private EventAlerts alerts;

    @Override
    public Set<String> actions() {
        return ACTIONS;
    }

    @Override
    public boolean async(String action) {
        return action.equals(FailoverDrillProcess.BASELINE) || action.equals(FailoverDrillProcess.DRILL);
    }

    @Override
    public Map<String, Object> run(String action, Step step) {
        return switch (action) {
            case FailoverDrillProcess.CHECK -> check(step);
            case FailoverDrillProcess.BASELINE -> Map.of(FailoverDrillProcess.BASELINE_CALLS, calls.place(step, false));
            case FailoverDrillProcess.DRILL -> Map.of(FailoverDrillProcess.DRILL_CALLS, calls.place(step, true));
            case FailoverDrillProcess.JUDGE -> judge(step);
            case FailoverDrillProcess.ALERT -> alert(step);
            default -> throw new IllegalStateException("no failover drill step " + action);
        };
    }

    @SuppressWarnings("unchecked")
    static List<String> numbers(Step step) {
        return new ArrayList<>((List<String>) step.variable(FailoverDrillProcess.TEST_NUMBERS));
    }

    private Map<String, Object> check(Step step) {
        RoutingData data = routing.current();
        for (String name : List.of(FailoverDrillProcess.CARRIER, FailoverDrillProcess.EXPECT_CARRIER)) {
            String carrier = step.text(name);
            if (carrier != null && data.carrier(carrier).isEmpty()) {
                throw new InvalidWorkflowInput("variables." + name, "no carrier '" + carrier + "'");
            }
        }
        String pbx = step.text(FailoverDrillProcess.SOURCE_PBX);
        if (data.pbx(pbx).isEmpty()) {
            throw new InvalidWorkflowInput("variables." + FailoverDrillProcess.SOURCE_PBX, "no PBX '" + pbx + "'");
        }
        return Map.of();
    }

    private Map<String, Object> judge(Step step) {
        DrillVerdict verdict = DrillVerdict.judge(new DrillVerdict.Expectation(step.text(FailoverDrillProcess.CARRIER),
                        step.text(FailoverDrillProcess.EXPECT_CARRIER),
                        ((Number) step.variable(FailoverDrillProcess.MAX_ADDED_SETUP_MS)).intValue()),
                numbers(step), results(step, FailoverDrillProcess.BASELINE_CALLS), results(step, FailoverDrillProcess.DRILL_CALLS));
        Map<String, Object> json = verdict.json();
        json.put("drill", step.workflowId());
        json.put("sourcePbx", step.text(FailoverDrillProcess.SOURCE_PBX));
        String name = "DRILL-" + step.workflowId() + "-report";
        DocumentView report = documents.store(step.workflowId(), step.processId(), name + ".json", "application/json",
                Json.write(json).getBytes(StandardCharsets.UTF_8), step.actor());
        documents.store(step.workflowId(), step.processId(), name + ".txt", "text/plain",
                verdict.text().getBytes(StandardCharsets.UTF_8), step.actor());
        LOG.info("drill {} of {}: {}", step.workflowId(), step.text(FailoverDrillProcess.CARRIER),
                verdict.passed() ? "passed" : "FAILED");
        Map<String, Object> out = new HashMap<>();
        out.put(FailoverDrillProcess.PASSED, verdict.passed());
        out.put(FailoverDrillProcess.REPORT, verdict.text());
        out.put(FailoverDrillProcess.REPORT_DOCUMENT, report.id());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<TestCallResult> results(Step step, String name) {
        Object list = step.variable(name);
        if (!(list instanceof List<?>)) {
            throw new IllegalStateException("drill " + step.workflowId() + " has no " + name);
        }
        return ((List<String>) list).stream().map(TestCallCodec::readResult).toList();
    }

    private Map<String, Object> alert(Step step) {
        String carrier = step.text(FailoverDrillProcess.CARRIER);
        alerts.raise(new EventAlerts.EventAlert(EventAlerts.WORKFLOW, "drill", "DRILL-" + step.workflowId(),
                "Failover drill of " + carrier + " failed", "CRITICAL", "Drill DRILL-" + step.workflowId() + " of "
                + carrier + " from " + step.text(FailoverDrillProcess.SOURCE_PBX) + " failed: with " + carrier
                + " down, calls would not have failed over as expected. The review task is with compliance; the "
                + "report is document " + step.variable(FailoverDrillProcess.REPORT_DOCUMENT) + " of the workflow.\n\n"
                + step.text(FailoverDrillProcess.REPORT), 0));
        return Map.of();
    }
}
