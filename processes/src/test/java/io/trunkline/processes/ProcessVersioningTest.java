package io.trunkline.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.processes.failover.FailoverTestProcess;
import java.time.Duration;
import java.util.List;
import org.jbpm.test.JbpmJUnitBaseTestCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.task.TaskService;
import org.kie.api.task.model.TaskSummary;

/**
 * A changed BPMN released as a new version: an instance started before the release finishes on its own version once
 * the runtime deploys both (as the platform does after an upgrade, over the same database), while new starts take the
 * new one.
 */
class ProcessVersioningTest extends JbpmJUnitBaseTestCase {

    private static final String V2 = "io/trunkline/processes/failover/FailoverTest-v2.bpmn";

    ProcessVersioningTest() {
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
    void anInstanceOfTheOldVersionFinishesOnItWhileNewStartsTakeTheNewOne() throws Exception {
        createRuntimeManager(FailoverTestProcess.RESOURCE);
        long old = getRuntimeEngine().getKieSession().startProcess(FailoverTestProcess.PROCESS_ID,
                FailoverTestProcess.variables("carrier-a", Duration.ofSeconds(1))).getId();
        disposeRuntimeManager();

        // The upgrade: version 2 current, version 1 still deployed.
        ProcessCatalog.ProcessEntry released = FailoverTestProcess.ENTRY.versioned("failover.FailoverTest.v2", V2);
        assertThat(released.processIds()).containsExactly("failover.FailoverTest.v2", FailoverTestProcess.PROCESS_ID);
        createRuntimeManager(released.resources().toArray(String[]::new));
        KieSession session = getRuntimeEngine().getKieSession();
        long fresh = session.startProcess(released.processId(),
                FailoverTestProcess.variables("carrier-b", Duration.ofSeconds(1))).getId();

        TaskService tasks = getRuntimeEngine().getTaskService();
        List<TaskSummary> open = tasks.getTasksAssignedAsPotentialOwner("maria", List.of("compliance"), "en-UK", 0, 10);
        assertThat(open).extracting(t -> t.getProcessInstanceId() + " " + t.getName()).containsExactlyInAnyOrder(
                old + " " + FailoverTestProcess.APPROVE_TASK, fresh + " Approve failover test plan and its numbers");
        for (TaskSummary t : open) {
            tasks.claim(t.getId(), "maria");
            tasks.start(t.getId(), "maria");
            tasks.complete(t.getId(), "maria", null);
        }
        assertThat(session.getProcessInstance(old).getProcessId()).isEqualTo(FailoverTestProcess.PROCESS_ID);
        assertNodeTriggered(old, "Wait for the test window");
        assertThat(session.getProcessInstance(fresh).getProcessId()).isEqualTo("failover.FailoverTest.v2");
    }

    @Test
    void aVersionIsNamedAfterItsProcess() {
        assertThatThrownBy(() -> FailoverTestProcess.ENTRY.versioned("failover.Other", V2))
                .hasMessageContaining("failover.FailoverTest.v<n>");
        assertThat(ProcessCatalog.owner(FailoverTestProcess.PROCESS_ID)).contains(FailoverTestProcess.ENTRY);
        assertThat(ProcessCatalog.owner("no.Such")).isEmpty();
    }
}
