package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.ejb.workflow.api.WorkflowSteps;
import java.util.HashMap;
import java.util.Map;
import org.jbpm.workflow.instance.impl.WorkflowProcessInstanceImpl;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.process.WorkItem;
import org.kie.api.runtime.process.WorkItemHandler;
import org.kie.api.runtime.process.WorkItemManager;

/**
 * The work item handler of the processes' service tasks (work type {@value #WORK_TYPE}): runs the step its
 * {@code Action} input names on the context bean that owns it, sets the variables the step returns and completes the
 * task, all in the engine's transaction; an asynchronous step is handed to the runtime, which completes the task
 * when the step returns.
 */
final class StepHandler implements WorkItemHandler {

    static final String WORK_TYPE = "Trunkline";
    static final String ACTION = "Action";

    /** Where steps are found and asynchronous ones run: the runtime. */
    interface Steps {
        WorkflowSteps owner(String action);

        void startAsync(WorkflowSteps owner, String action, WorkflowSteps.Step step);
    }

    private final KieSession session;
    private final Steps steps;

    StepHandler(KieSession session, Steps steps) {
        this.session = session;
        this.steps = steps;
    }

    @Override
    public void executeWorkItem(WorkItem item, WorkItemManager manager) {
        String action = String.valueOf(item.getParameter(ACTION));
        WorkflowSteps owner = steps.owner(action);
        WorkflowProcessInstanceImpl pi = (WorkflowProcessInstanceImpl) session.getProcessInstance(item.getProcessInstanceId());
        WorkflowSteps.Step step = new WorkflowSteps.Step(pi.getId(), pi.getProcessId(), item.getId(), WorkflowActor.current(),
                new HashMap<>(pi.getVariables()));
        if (owner.async(action)) {
            steps.startAsync(owner, action, step);
            return;
        }
        Map<String, Object> out = owner.run(action, step);
        out.forEach(pi::setVariable);
        manager.completeWorkItem(item.getId(), null);
    }

    @Override
    public void abortWorkItem(WorkItem item, WorkItemManager manager) {
        // A cancelled instance: an asynchronous step still running finds no work item to complete and stops there.
    }
}
