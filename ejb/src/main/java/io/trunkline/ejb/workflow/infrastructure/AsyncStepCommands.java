package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.ejb.workflow.api.WorkflowSteps;
import io.trunkline.ejb.workflow.domain.AsyncStepStore;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jbpm.workflow.instance.impl.WorkflowProcessInstanceImpl;
import org.kie.api.command.ExecutableCommand;
import org.kie.api.runtime.Context;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.process.ProcessInstance;
import org.kie.internal.command.RegistryContext;

/**
 * Engine commands of an asynchronous step, each one transaction of the engine: the instance as the step starts,
 * and its completion (variables set, work item completed, the step struck off the pending list) all at once.
 */
final class AsyncStepCommands {

    private AsyncStepCommands() {
    }

    /** The step's view of its instance; null when the instance has ended. */
    record Snapshot(long workflowId, long workItemId) implements ExecutableCommand<WorkflowSteps.Step> {
        @Override
        public WorkflowSteps.Step execute(Context context) {
            KieSession session = ((RegistryContext) context).lookup(KieSession.class);
            ProcessInstance pi = session.getProcessInstance(workflowId);
            if (pi == null) {
                return null;
            }
            return new WorkflowSteps.Step(workflowId, pi.getProcessId(), workItemId, WorkflowActor.SYSTEM,
                    new HashMap<>(((WorkflowProcessInstanceImpl) pi).getVariables()));
        }
    }

    /** Sets the step's variables and completes its work item; an instance cancelled meanwhile is left as it is. */
    record Complete(long workflowId, long workItemId, Map<String, Object> variables, AsyncStepStore store)
            implements ExecutableCommand<Void> {
        @Override
        public Void execute(Context context) {
            KieSession session = ((RegistryContext) context).lookup(KieSession.class);
            ProcessInstance pi = session.getProcessInstance(workflowId);
            if (pi != null) {
                variables.forEach(((WorkflowProcessInstanceImpl) pi)::setVariable);
                session.getWorkItemManager().completeWorkItem(workItemId, null);
            }
            try {
                store.done(workItemId);
            } catch (SQLException e) {
                throw new IllegalStateException("asynchronous step not struck off: " + e.getMessage(), e);
            }
            return null;
        }
    }
}
