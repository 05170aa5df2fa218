package io.trunkline.processes.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.processes.ProcessCatalog;
import io.trunkline.processes.testing.ProcessTasks;
import io.trunkline.processes.testing.ElapsedCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.kie.api.task.model.TaskSummary;

/**
 * The SLA credit claim on jBPM's test runtime with its service steps played by a recording handler: evidence, review,
 * e-mail, the carrier's answer, the invoice checks on a timer with a reminder between them, the refused branch, and
 * the escalation when the claim window is about to close with the review still open.
 */
class CreditClaimProcessTest extends JbpmJUnitBaseTestCase {

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final AtomicInteger checksUntilCredited = new AtomicInteger(2);
    private KieSession session;

    CreditClaimProcessTest() {
        super(true, true);
    }

    @BeforeEach
    void start() throws Exception {
        setUp();
        // As on the platform, every timer is computed by a business calendar (the escalation is a date-time).
        addEnvironmentEntry("jbpm.business.calendar", new ElapsedCalendar());
    }

    @AfterEach
    void stop() throws Exception {
        tearDown();
    }

    @Test
    void anAcceptedClaimIsRemindedUntilTheCreditIsOnAnInvoiceThenClosed() throws Exception {
        long pi = startClaim(Instant.now().plus(30, ChronoUnit.DAYS));
        assertThat(steps).containsExactly(CreditClaimProcess.EVIDENCE);
        complete(awaitTask(CreditClaimProcess.REVIEW_TASK), Map.of(CreditClaimProcess.CLAIMED_AMOUNT, new BigDecimal("1200.00")));
        assertThat(steps).endsWith(CreditClaimProcess.SEND);
        complete(awaitTask(CreditClaimProcess.ANSWER_TASK), Map.of(CreditClaimProcess.ACCEPTED, true,
                CreditClaimProcess.ACCEPTED_AMOUNT, new BigDecimal("1200.00")));
        awaitEnded(pi);
        assertThat(steps).containsExactly(CreditClaimProcess.EVIDENCE, CreditClaimProcess.SEND,
                CreditClaimProcess.CHECK_INVOICE, CreditClaimProcess.REMIND, CreditClaimProcess.CHECK_INVOICE,
                CreditClaimProcess.CLOSE);
        assertNodeTriggered(pi, "Next invoice check", "Credit received");
    }

    @Test
    void aRefusedClaimIsClosedWithoutWaitingForACredit() throws Exception {
        long pi = startClaim(Instant.now().plus(30, ChronoUnit.DAYS));
        complete(awaitTask(CreditClaimProcess.REVIEW_TASK), Map.of(CreditClaimProcess.CLAIMED_AMOUNT, new BigDecimal("900")));
        complete(awaitTask(CreditClaimProcess.ANSWER_TASK), Map.of(CreditClaimProcess.ACCEPTED, false,
                CreditClaimProcess.REFUSAL_REASON, "outage was planned maintenance"));
        assertProcessInstanceCompleted(pi);
        assertThat(steps).endsWith(CreditClaimProcess.SEND, CreditClaimProcess.REFUSED);
        assertNodeTriggered(pi, "Claim refused");
    }

    @Test
    void aReviewStillOpenWhenTheClaimWindowClosesIsEscalatedAndStaysOpen() throws Exception {
        long pi = startClaim(Instant.now().plusSeconds(1));
        long deadline = System.currentTimeMillis() + 15_000;
        while (!steps.contains(CreditClaimProcess.ESCALATE) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(steps).containsExactly(CreditClaimProcess.EVIDENCE, CreditClaimProcess.ESCALATE);
        assertThat(session.getProcessInstance(pi)).as("still waiting for the review").isNotNull();
        complete(awaitTask(CreditClaimProcess.REVIEW_TASK), Map.of(CreditClaimProcess.CLAIMED_AMOUNT, new BigDecimal("900")));
        assertThat(steps).endsWith(CreditClaimProcess.SEND);
    }

    @Test
    void startVariablesAreCheckedAndCompleted() {
        ProcessCatalog.ProcessEntry entry = ProcessCatalog.entry(CreditClaimProcess.PROCESS_ID).orElseThrow();
        Map<String, Object> vars = entry.variables().apply(given(Instant.parse("2026-12-24T00:00:00Z")));
        assertThat(vars).containsEntry(CreditClaimProcess.CREDIT_CHECK_EVERY, "5d")
                .containsEntry(CreditClaimProcess.CREDIT_AMOUNT, new BigDecimal("1200.00"))
                .containsEntry(CreditClaimProcess.JUDGEMENT, 7L).containsEntry(CreditClaimProcess.REMINDERS, 0L);
        for (String[] bad : new String[][]{{CreditClaimProcess.MONTH, "10/2026"}, {CreditClaimProcess.CURRENCY, "euro"},
                {CreditClaimProcess.CREDIT_AMOUNT, "-5"}, {CreditClaimProcess.CLAIM_DEADLINE, "soon"},
                {CreditClaimProcess.CREDIT_CHECK_EVERY, "weekly"}, {"priority", "high"}}) {
            Map<String, Object> in = given(Instant.parse("2026-12-24T00:00:00Z"));
            in.put(bad[0], bad[1]);
            assertThatThrownBy(() -> entry.variables().apply(in)).as(bad[0])
                    .isInstanceOfSatisfying(ProcessCatalog.InvalidVariable.class, e -> assertThat(e.name()).isEqualTo(bad[0]));
        }
        assertThat(entry.cancellable().test(Map.of())).isTrue();
        assertThat(entry.cancellable().test(Map.of(CreditClaimProcess.SENT_AT, "2026-11-03T10:00:00Z"))).isFalse();
    }

    private static Map<String, Object> given(Instant escalateAt) {
        Map<String, Object> in = new HashMap<>();
        in.put(CreditClaimProcess.CARRIER, "carrier-a");
        in.put(CreditClaimProcess.MONTH, "2026-10");
        in.put(CreditClaimProcess.JUDGEMENT, 7);
        in.put(CreditClaimProcess.BREACHES, "availability 99.2 % below 99.9 %");
        in.put(CreditClaimProcess.CREDIT_PERCENT, "10");
        in.put(CreditClaimProcess.CREDIT_AMOUNT, "1200.00");
        in.put(CreditClaimProcess.CURRENCY, "EUR");
        in.put(CreditClaimProcess.CLAIM_DEADLINE, "2026-12-30T23:00:00Z");
        in.put(CreditClaimProcess.ESCALATE_AT, escalateAt.truncatedTo(ChronoUnit.SECONDS).toString());
        return in;
    }

    private long startClaim(Instant escalateAt) {
        createRuntimeManager(CreditClaimProcess.RESOURCE);
        session = getRuntimeEngine().getKieSession();
        session.getWorkItemManager().registerWorkItemHandler("Trunkline", new Steps());
        Map<String, Object> vars = ProcessCatalog.entry(CreditClaimProcess.PROCESS_ID).orElseThrow().variables()
                .apply(given(escalateAt));
        vars.put(CreditClaimProcess.CREDIT_CHECK_EVERY, "PT1S");
        ProcessInstance pi = session.startProcess(CreditClaimProcess.PROCESS_ID, vars);
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

    /** Plays the platform's steps; the invoice check finds the credit on its {@code checksUntilCredited}-th run. */
    private final class Steps implements WorkItemHandler {
        @Override
        public void executeWorkItem(WorkItem item, WorkItemManager manager) {
            String action = (String) item.getParameter("Action");
            steps.add(action);
            Map<String, Object> out = new HashMap<>();
            if (action.equals(CreditClaimProcess.SEND)) {
                out.put(CreditClaimProcess.SENT_AT, Instant.now().toString());
            }
            if (action.equals(CreditClaimProcess.CHECK_INVOICE)) {
                WorkflowProcessInstance pi = (WorkflowProcessInstance) session.getProcessInstance(item.getProcessInstanceId());
                pi.setVariable(CreditClaimProcess.CREDITED, checksUntilCredited.decrementAndGet() == 0);
            }
            manager.completeWorkItem(item.getId(), out);
        }

        @Override
        public void abortWorkItem(WorkItem item, WorkItemManager manager) {
            steps.add("aborted " + item.getParameter("Action"));
        }
    }
}
