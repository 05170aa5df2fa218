package io.trunkline.processes.porting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.processes.ProcessCatalog;
import io.trunkline.processes.testing.ProcessTasks;
import io.trunkline.processes.testing.ElapsedCalendar;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.drools.core.command.runtime.process.SetProcessInstanceVariablesCommand;
import org.jbpm.test.JbpmJUnitBaseTestCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.manager.RuntimeEngine;
import org.kie.api.runtime.process.ProcessInstance;
import org.kie.api.runtime.process.WorkItem;
import org.kie.api.runtime.process.WorkItemHandler;
import org.kie.api.runtime.process.WorkItemManager;
import org.kie.api.runtime.process.WorkflowProcessInstance;
import org.kie.api.task.model.TaskSummary;

/**
 * The porting workflow on jBPM's test runtime (in-memory persistence) with its service steps played by a recording
 * handler: the order of steps, the tasks and their forms' outputs, the port-day timer, its reschedule signal, and
 * the rollback branch. The platform's own steps run it in PostgreSQL through the real edge in {@code system-tests}.
 */
class NumberPortProcessTest extends JbpmJUnitBaseTestCase {

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private boolean testsPass = true;
    private KieSession session;

    NumberPortProcessTest() {
        super(true, true);
    }

    @BeforeEach
    void start() throws Exception {
        setUp();
        // As on the platform, every timer is computed by a business calendar (port day is a date-time).
        addEnvironmentEntry("jbpm.business.calendar", new ElapsedCalendar());
    }

    @AfterEach
    void stop() throws Exception {
        tearDown();
    }

    @Test
    void aPortThatPassesItsTestCallsIsClosedAfterThePortDayTimer() throws Exception {
        long pi = runToPortDay(Instant.now().plusSeconds(2));
        awaitEnded(pi);
        assertProcessInstanceCompleted(pi);
        assertThat(steps).containsExactly(NumberPortProcess.RESERVE, NumberPortProcess.LOA, NumberPortProcess.SUBMIT,
                NumberPortProcess.TRANSFER, NumberPortProcess.TEST_CALLS, NumberPortProcess.CLOSE);
        assertNodeTriggered(pi, "Port day", "Numbers ported");
    }

    @Test
    void aFailedTestCallRollsTheNumbersBackAndAsksForAnInvestigation() throws Exception {
        testsPass = false;
        long pi = runToPortDay(Instant.now().plusSeconds(1));
        TaskSummary investigate = awaitTask(NumberPortProcess.INVESTIGATE_TASK);
        assertThat(steps).endsWith(NumberPortProcess.TEST_CALLS, NumberPortProcess.ROLL_BACK);
        complete(investigate, Map.of("resolution", "carrier fixed its routing"));
        assertProcessInstanceCompleted(pi);
        assertNodeTriggered(pi, "Port rolled back");
    }

    @Test
    void aRescheduledPortDayMovesTheTimer() throws Exception {
        long pi = runToPortDay(Instant.now().plus(1, ChronoUnit.HOURS));
        Thread.sleep(500);
        assertThat(steps).doesNotContain(NumberPortProcess.TRANSFER);
        session.execute(new SetProcessInstanceVariablesCommand(pi, Map.of(NumberPortProcess.FOC_AT,
                Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString())));
        session.signalEvent(NumberPortProcess.RESCHEDULE_SIGNAL, null, pi);
        awaitEnded(pi);
        assertThat(steps).contains(NumberPortProcess.TRANSFER, NumberPortProcess.CLOSE);
        assertNodeTriggered(pi, "Rescheduled");
    }

    @Test
    void startVariablesExpandRangesAndRefuseWhatIsNotANumber() {
        ProcessCatalog.ProcessEntry entry = ProcessCatalog.entry(NumberPortProcess.PROCESS_ID).orElseThrow();
        Map<String, Object> vars = entry.variables().apply(given(List.of("+442071234599", "+442071234500-502")));
        assertThat(vars.get(NumberPortProcess.NUMBERS)).asList()
                .containsExactly("+442071234500", "+442071234501", "+442071234502", "+442071234599");
        assertThat(vars).containsEntry(NumberPortProcess.FOC_ESCALATION, "3d").containsEntry(NumberPortProcess.PORTED, false);
        assertThat(NumberPortProcess.numbers("+442071234500-+442071234509, +442071234510")).hasSize(11);
        refused(given("+44207"), "numbers");
        refused(given("+442071234509-500"), "numbers");
        refused(given("+442071230000-+442071249999"), "numbers");
        Map<String, Object> same = given("+442071234500");
        same.put(NumberPortProcess.GAINING, "carrier-a");
        refused(same, NumberPortProcess.GAINING);
        Map<String, Object> date = given("+442071234500");
        date.put(NumberPortProcess.REQUESTED_DATE, "18/12/2026");
        refused(date, NumberPortProcess.REQUESTED_DATE);
        Map<String, Object> unknown = given("+442071234500");
        unknown.put("priority", "high");
        refused(unknown, "priority");
        assertThat(entry.cancellable().test(Map.of(NumberPortProcess.PORTED, true))).isFalse();
        assertThat(entry.cancellable().test(Map.of(NumberPortProcess.PORTED, false))).isTrue();
    }

    private static Map<String, Object> given(Object numbers) {
        Map<String, Object> in = new HashMap<>();
        in.put(NumberPortProcess.NUMBERS, numbers);
        in.put(NumberPortProcess.LOSING, "carrier-a");
        in.put(NumberPortProcess.GAINING, "carrier-b");
        in.put(NumberPortProcess.TARGET_PBX, "hq-cucm");
        in.put(NumberPortProcess.REQUESTED_DATE, "2026-12-18");
        return in;
    }

    private static void refused(Map<String, Object> given, String field) {
        ProcessCatalog.ProcessEntry entry = ProcessCatalog.entry(NumberPortProcess.PROCESS_ID).orElseThrow();
        assertThatThrownBy(() -> entry.variables().apply(given)).as(given.toString())
                .isInstanceOfSatisfying(ProcessCatalog.InvalidVariable.class, e -> assertThat(e.name()).isEqualTo(field));
    }

    /** Starts a port and completes its tasks up to the wait for port day at {@code focAt}. */
    private long runToPortDay(Instant focAt) throws Exception {
        createRuntimeManager(NumberPortProcess.RESOURCE);
        RuntimeEngine engine = getRuntimeEngine();
        session = engine.getKieSession();
        session.getWorkItemManager().registerWorkItemHandler("Trunkline", new Steps());
        ProcessInstance pi = session.startProcess(NumberPortProcess.PROCESS_ID,
                ProcessCatalog.entry(NumberPortProcess.PROCESS_ID).orElseThrow().variables().apply(given("+442071234500-501")));
        assertThat(steps).containsExactly(NumberPortProcess.RESERVE, NumberPortProcess.LOA);
        complete(awaitTask(NumberPortProcess.SIGN_TASK), Map.of("signedLoaDocument", 7L, "signatory", "Maria Lopez"));
        assertThat(steps).endsWith(NumberPortProcess.SUBMIT);
        complete(awaitTask(NumberPortProcess.FOC_TASK),
                Map.of(NumberPortProcess.FOC_AT, focAt.truncatedTo(ChronoUnit.SECONDS).toString()));
        assertNodeTriggered(pi.getId(), "Wait for port day");
        return pi.getId();
    }

    private TaskSummary awaitTask(String name) throws InterruptedException {
        return ProcessTasks.awaitTask(getRuntimeEngine().getTaskService(), name);
    }

    private void complete(TaskSummary task, Map<String, Object> data) {
        ProcessTasks.complete(getRuntimeEngine().getTaskService(), task, data);
    }

    private void awaitEnded(long pi) throws InterruptedException {
        ProcessTasks.awaitEnded(session, pi);
    }

    /** Plays the platform's service steps: records each and sets what the real step sets for the gateway. */
    private final class Steps implements WorkItemHandler {
        @Override
        public void executeWorkItem(WorkItem item, WorkItemManager manager) {
            String action = (String) item.getParameter("Action");
            steps.add(action);
            if (action.equals(NumberPortProcess.TEST_CALLS)) {
                WorkflowProcessInstance pi = (WorkflowProcessInstance) session.getProcessInstance(item.getProcessInstanceId());
                pi.setVariable(NumberPortProcess.TESTS_PASSED, testsPass);
                pi.setVariable("testReport", new ArrayList<>(List.of("2 calls")).toString());
            }
            manager.completeWorkItem(item.getId(), null);
        }

        @Override
        public void abortWorkItem(WorkItem item, WorkItemManager manager) {
            steps.add("aborted " + item.getParameter("Action"));
        }
    }
}
