package io.trunkline.processes.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.processes.ProcessCatalog;
import io.trunkline.processes.testing.ElapsedCalendar;
import io.trunkline.processes.testing.ProcessTasks;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jbpm.test.JbpmJUnitBaseTestCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.process.ProcessInstance;
import org.kie.api.runtime.process.WorkItem;
import org.kie.api.runtime.process.WorkItemHandler;
import org.kie.api.runtime.process.WorkItemManager;
import org.kie.api.runtime.process.WorkflowProcessInstance;
import org.kie.api.task.TaskService;
import org.kie.api.task.model.TaskSummary;

/**
 * The failover drill on jBPM's test runtime (in-memory persistence) with its service steps played by a recording
 * handler: the order of steps, the drill-window timer, the passing end and the failing branch with its alert and
 * review task; and the catalog's checks of the start variables. The platform's steps run it through the real edge
 * in {@code system-tests}.
 */
class FailoverDrillProcessTest extends JbpmJUnitBaseTestCase {

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private boolean drillPasses = true;
    private KieSession session;

    FailoverDrillProcessTest() {
        super(true, true);
    }

    @BeforeEach
    void start() throws Exception {
        addEnvironmentEntry("jbpm.business.calendar", new ElapsedCalendar());
        setUp();
        createRuntimeManager(FailoverDrillProcess.RESOURCE);
        session = getRuntimeEngine().getKieSession();
        session.getWorkItemManager().registerWorkItemHandler("Trunkline", new Steps());
    }

    @AfterEach
    void stop() throws Exception {
        tearDown();
    }

    @Test
    void aPassingDrillOnDemandRunsItsCallsAndEndsByItself() {
        ProcessInstance pi = session.startProcess(FailoverDrillProcess.PROCESS_ID, variables(given()));
        assertProcessInstanceCompleted(pi.getId());
        assertThat(steps).containsExactly(FailoverDrillProcess.CHECK, FailoverDrillProcess.BASELINE, FailoverDrillProcess.DRILL,
                FailoverDrillProcess.JUDGE);
        assertNodeTriggered(pi.getId(), "Drill passed");
    }

    @Test
    void aFailedDrillRaisesItsAlertAndWaitsForComplianceToReviewIt() throws Exception {
        drillPasses = false;
        ProcessInstance pi = session.startProcess(FailoverDrillProcess.PROCESS_ID, variables(given()));
        assertThat(steps).endsWith(FailoverDrillProcess.JUDGE, FailoverDrillProcess.ALERT);
        assertProcessInstanceActive(pi.getId());
        TaskSummary review = awaitTask(FailoverDrillProcess.REVIEW_TASK);
        TaskService tasks = getRuntimeEngine().getTaskService();
        assertThat(tasks.getTaskContent(review.getId())).containsEntry("report", "1 of 1 drill calls failed");
        tasks.claim(review.getId(), "maria");
        tasks.start(review.getId(), "maria");
        tasks.complete(review.getId(), "maria", new HashMap<>(Map.of("findings", "carrier-b trunk was full")));
        assertProcessInstanceCompleted(pi.getId());
        assertNodeTriggered(pi.getId(), "Drill failed");
        assertThat(getLogService().findVariableInstances(pi.getId(), "findings")).last()
                .satisfies(v -> assertThat(v.getValue()).isEqualTo("carrier-b trunk was full"));
    }

    @Test
    void aDrillWithAWindowWaitsOnItsTimerBeforeCalling() throws Exception {
        Map<String, Object> in = given();
        in.put(FailoverDrillProcess.START_AT, Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS).toString());
        ProcessInstance pi = session.startProcess(FailoverDrillProcess.PROCESS_ID, variables(in));
        assertThat(steps).containsExactly(FailoverDrillProcess.CHECK);
        assertNodeTriggered(pi.getId(), "Drill window given?");
        long deadline = System.currentTimeMillis() + 15_000;
        while (session.getProcessInstance(pi.getId()) != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertProcessInstanceCompleted(pi.getId());
        assertNodeTriggered(pi.getId(), "Drill window opens", "Drill passed");
        assertThat(steps).containsExactly(FailoverDrillProcess.CHECK, FailoverDrillProcess.BASELINE, FailoverDrillProcess.DRILL,
                FailoverDrillProcess.JUDGE);
    }

    @Test
    void startVariablesAreCheckedAndCompleted() {
        Map<String, Object> in = given();
        in.put(FailoverDrillProcess.TEST_NUMBERS, "+442079460123, +442079460124;+442079460123");
        in.put(FailoverDrillProcess.START_AT, "2026-12-18T03:00:00+01:00");
        in.put(FailoverDrillProcess.MAX_ADDED_SETUP_MS, new BigDecimal("2500"));
        in.put(FailoverDrillProcess.EXPECT_CARRIER, "carrier-b");
        Map<String, Object> vars = variables(in);
        assertThat(vars.get(FailoverDrillProcess.TEST_NUMBERS)).asList().containsExactly("+442079460123", "+442079460124");
        assertThat(vars).containsEntry(FailoverDrillProcess.START_AT, "2026-12-18T02:00:00Z")
                .containsEntry(FailoverDrillProcess.MAX_ADDED_SETUP_MS, 2500)
                .containsEntry(FailoverDrillProcess.EXPECT_CARRIER, "carrier-b")
                .containsEntry(FailoverDrillProcess.PASSED, false);
        assertThat(variables(given())).containsEntry(FailoverDrillProcess.MAX_ADDED_SETUP_MS, 5000)
                .doesNotContainKeys(FailoverDrillProcess.START_AT, FailoverDrillProcess.EXPECT_CARRIER);
        refused(FailoverDrillProcess.CARRIER, null);
        refused(FailoverDrillProcess.CARRIER, "carrier a");
        refused(FailoverDrillProcess.SOURCE_PBX, "");
        refused(FailoverDrillProcess.TEST_NUMBERS, "02079460123");
        refused(FailoverDrillProcess.TEST_NUMBERS, " , ");
        refused(FailoverDrillProcess.TEST_NUMBERS, List.of(1, 2));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= FailoverDrillProcess.MAX_NUMBERS; i++) {
            many.append("+4420794601").append(10 + i).append(',');
        }
        refused(FailoverDrillProcess.TEST_NUMBERS, many.toString());
        refused(FailoverDrillProcess.MAX_ADDED_SETUP_MS, -1);
        refused(FailoverDrillProcess.MAX_ADDED_SETUP_MS, "5s");
        refused(FailoverDrillProcess.MAX_ADDED_SETUP_MS, new BigDecimal("1.5"));
        refused(FailoverDrillProcess.EXPECT_CARRIER, "carrier-a");
        refused(FailoverDrillProcess.START_AT, "2026-12-18T03:00:00");
        refused("window", "PT1H");
    }

    private static Map<String, Object> given() {
        Map<String, Object> in = new HashMap<>();
        in.put(FailoverDrillProcess.CARRIER, "carrier-a");
        in.put(FailoverDrillProcess.SOURCE_PBX, "hq-cucm");
        in.put(FailoverDrillProcess.TEST_NUMBERS, List.of("+442079460123"));
        return in;
    }

    private static Map<String, Object> variables(Map<String, Object> given) {
        return ProcessCatalog.entry(FailoverDrillProcess.PROCESS_ID).orElseThrow().variables().apply(given);
    }

    private static void refused(String field, Object value) {
        Map<String, Object> in = given();
        in.put(field, value);
        assertThatThrownBy(() -> variables(in)).as(field + "=" + value)
                .isInstanceOfSatisfying(ProcessCatalog.InvalidVariable.class, e -> assertThat(e.name()).isEqualTo(field));
    }

    private TaskSummary awaitTask(String name) throws InterruptedException {
        return ProcessTasks.awaitTask(getRuntimeEngine().getTaskService(), name);
    }

    /** Plays the platform's service steps: records each and sets what the real judge sets for the gateway. */
    private final class Steps implements WorkItemHandler {
        @Override
        public void executeWorkItem(WorkItem item, WorkItemManager manager) {
            String action = (String) item.getParameter("Action");
            steps.add(action);
            if (action.equals(FailoverDrillProcess.JUDGE)) {
                WorkflowProcessInstance pi = (WorkflowProcessInstance) session.getProcessInstance(item.getProcessInstanceId());
                pi.setVariable(FailoverDrillProcess.PASSED, drillPasses);
                pi.setVariable(FailoverDrillProcess.REPORT, drillPasses ? "1 drill call passed" : "1 of 1 drill calls failed");
            }
            manager.completeWorkItem(item.getId(), null);
        }

        @Override
        public void abortWorkItem(WorkItem item, WorkItemManager manager) {
            steps.add("aborted " + item.getParameter("Action"));
        }
    }
}
