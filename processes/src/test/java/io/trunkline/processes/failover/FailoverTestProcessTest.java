package io.trunkline.processes.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import io.trunkline.processes.ProcessCatalog;
import java.util.List;
import java.util.Map;
import org.jbpm.test.JbpmJUnitBaseTestCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.manager.RuntimeEngine;
import org.kie.api.runtime.manager.audit.VariableInstanceLog;
import org.kie.api.runtime.process.ProcessInstance;
import org.kie.api.task.TaskService;
import org.kie.api.task.model.TaskSummary;

/**
 * The workflow on jBPM's test runtime (in-memory H2 persistence): approval by compliance, the timer,
 * then the evidence task. The platform's own test runs it persisted in PostgreSQL across a restart.
 */
class FailoverTestProcessTest extends JbpmJUnitBaseTestCase {

    FailoverTestProcessTest() {
        super(true, true);
    }

    @BeforeEach
    void start() throws Exception {
        setUp();
    }

    @AfterEach
    void stop() throws Exception {
        tearDown();
    }

    @Test
    void approvalThenTimerThenEvidenceWithoutData() throws Exception {
        long pi = runThroughEvidence(null);
        assertProcessInstanceCompleted(pi);
    }

    @Test
    void theEvidenceFormsOutputsBecomeProcessVariables() throws Exception {
        long pi = runThroughEvidence(Map.of(FailoverTestProcess.OUTCOME, "PASSED", FailoverTestProcess.FAILOVER_SECONDS, 4));
        assertProcessInstanceCompleted(pi);
        assertThat(lastValue(pi, FailoverTestProcess.OUTCOME)).isEqualTo("PASSED");
        assertThat(lastValue(pi, FailoverTestProcess.FAILOVER_SECONDS)).isEqualTo("4");
    }

    @Test
    void theCatalogChecksStartVariables() {
        ProcessCatalog.ProcessEntry entry = ProcessCatalog.entry(FailoverTestProcess.PROCESS_ID).orElseThrow();
        assertThat(entry.variables().apply(Map.of("carrier", "carrier-a", "waitFor", "PT1H"))).containsEntry("waitFor", "PT1H");
        assertThatThrownBy(() -> entry.variables().apply(Map.of("carrier", "carrier-a", "waitFor", "soon")))
                .isInstanceOfSatisfying(ProcessCatalog.InvalidVariable.class, e -> assertThat(e.name()).isEqualTo("waitFor"));
        assertThatThrownBy(() -> entry.variables().apply(Map.of("waitFor", "PT1H")))
                .isInstanceOfSatisfying(ProcessCatalog.InvalidVariable.class, e -> assertThat(e.name()).isEqualTo("carrier"));
        assertThat(ProcessCatalog.entry("no.Such")).isEmpty();
    }

    private String lastValue(long pi, String variable) {
        List<? extends VariableInstanceLog> logs = getLogService().findVariableInstances(pi, variable);
        assertThat(logs).as(variable).isNotEmpty();
        return logs.get(logs.size() - 1).getValue();
    }

    private long runThroughEvidence(Map<String, Object> evidenceData) throws Exception {
        createRuntimeManager(FailoverTestProcess.RESOURCE);
        RuntimeEngine engine = getRuntimeEngine();
        KieSession session = engine.getKieSession();
        TaskService tasks = engine.getTaskService();

        ProcessInstance pi = session.startProcess(FailoverTestProcess.PROCESS_ID,
                FailoverTestProcess.variables("carrier-a", Duration.ofSeconds(1)));
        List<TaskSummary> open = tasks.getTasksAssignedAsPotentialOwner("maria", List.of("compliance"), "en-UK", 0, 10);
        assertThat(open).singleElement().extracting(TaskSummary::getName).isEqualTo(FailoverTestProcess.APPROVE_TASK);
        assertThat(tasks.getTasksAssignedAsPotentialOwner("bob", List.of("ops"), "en-UK", 0, 10)).isEmpty();

        long approve = open.get(0).getId();
        tasks.claim(approve, "maria");
        tasks.start(approve, "maria");
        tasks.complete(approve, "maria", null);
        assertNodeTriggered(pi.getId(), "Wait for the test window");

        long deadline = System.currentTimeMillis() + 10_000;
        List<TaskSummary> evidence = List.of();
        while (evidence.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            evidence = tasks.getTasksAssignedAsPotentialOwner("maria", List.of("compliance"), "en-UK", 0, 10);
        }
        assertThat(evidence).singleElement().extracting(TaskSummary::getName).isEqualTo(FailoverTestProcess.EVIDENCE_TASK);
        long record = evidence.get(0).getId();
        tasks.claim(record, "maria");
        tasks.start(record, "maria");
        tasks.complete(record, "maria", evidenceData);
        return pi.getId();
    }

    @Test
    void variablesAreValidated() {
        assertThat(FailoverTestProcess.variables("b", Duration.ofMinutes(5))).containsEntry("waitFor", "PT5M");
        assertThatThrownBy(() -> FailoverTestProcess.variables(" ", Duration.ofMinutes(1))).hasMessageContaining("carrier");
        assertThatThrownBy(() -> FailoverTestProcess.variables("b", Duration.ZERO)).hasMessageContaining("positive");
    }
}
