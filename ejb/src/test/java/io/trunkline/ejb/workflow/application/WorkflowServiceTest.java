package io.trunkline.ejb.workflow.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.WorkflowEvent;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore;
import io.trunkline.ejb.workflow.infrastructure.WorkflowRuntime;
import io.trunkline.processes.failover.FailoverTestProcess;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jbpm.process.audit.JPAAuditLogService;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.manager.RuntimeEngine;

/** What the service refuses before it asks jBPM anything: the runtime here fails any use. */
class WorkflowServiceTest {

    private final List<WorkflowEventStore.NewEvent> stored = new ArrayList<>();
    private final WorkflowEventStore store = new WorkflowEventStore() {
        @Override
        public void append(NewEvent e) {
            stored.add(e);
        }

        @Override
        public List<WorkflowEvent> forInstance(long processInstanceId) {
            return List.of();
        }

        @Override
        public Map<Long, String> starters(Collection<Long> processInstanceIds) {
            return Map.of();
        }
    };
    private final WorkflowRuntime untouchable = new WorkflowRuntime() {
        @Override
        public <T> T withEngine(String actor, Function<RuntimeEngine, T> work) {
            throw new AssertionError("the engine was used");
        }

        @Override
        public KieBase kieBase() {
            throw new AssertionError("the engine was used");
        }

        @Override
        public JPAAuditLogService auditLog() {
            throw new AssertionError("the audit log was used");
        }
    };
    private final WorkflowService service = new WorkflowService(untouchable, store);
    private final Caller carla = new Caller("carla", Set.of("compliance"));

    @Test
    void anUnknownProcessIsRefusedNamingProcessId() {
        assertThatThrownBy(() -> service.start(carla, "no.Such", Map.of()))
                .isInstanceOfSatisfying(InvalidWorkflowInput.class, e -> assertThat(e.field()).isEqualTo("processId"));
    }

    @Test
    void opsAndAnalystsMayNotStartAWorkflow() {
        Map<String, Object> vars = Map.of("carrier", "carrier-a", "waitFor", "PT1H");
        assertThatThrownBy(() -> service.start(new Caller("oscar", Set.of("ops")), FailoverTestProcess.PROCESS_ID, vars))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> service.start(new Caller("ana", Set.of("analyst")), FailoverTestProcess.PROCESS_ID, vars))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void aRefusedVariableIsNamedUnderVariables() {
        assertThatThrownBy(() -> service.start(carla, FailoverTestProcess.PROCESS_ID, Map.of("carrier", "carrier-a", "waitFor", "soon")))
                .isInstanceOfSatisfying(InvalidWorkflowInput.class, e -> {
                    assertThat(e.field()).isEqualTo("variables.waitFor");
                    assertThat(e.getMessage()).isEqualTo("variables.waitFor: must be an ISO-8601 duration such as PT1H");
                });
        assertThat(stored).isEmpty();
    }

    @Test
    void submittedFormsAreRecordedAsJson() {
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("outcome", "PASSED \"fine\"\n");
        typed.put("failoverSeconds", 4);
        typed.put("ok", true);
        assertThat(WorkflowService.json(typed)).isEqualTo("{\"outcome\":\"PASSED \\\"fine\\\"\\u000a\",\"failoverSeconds\":4,\"ok\":true}");
    }
}
