package io.trunkline.ejb.workflow.infrastructure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.runtime.process.WorkItemHandler;
import org.jbpm.runtime.manager.impl.DefaultRegisterableItemsFactory;
import org.kie.api.event.process.ProcessEventListener;
import org.kie.api.runtime.manager.RuntimeEngine;
import org.kie.api.task.TaskLifeCycleEventListener;

/**
 * jBPM's default listeners and handlers (its JPA audit logs, the "Human Task" work item handler, the task audit
 * listener), always kept by calling {@code super}, plus the platform's audit trail recorder and the handler of its
 * service steps.
 */
public class TrunklineItems extends DefaultRegisterableItemsFactory {

    private final WorkflowEventRecorder recorder;
    private final StepHandler.Steps steps;

    public TrunklineItems(WorkflowEventRecorder recorder, StepHandler.Steps steps) {
        this.recorder = recorder;
        this.steps = steps;
    }

    @Override
    public Map<String, WorkItemHandler> getWorkItemHandlers(RuntimeEngine runtime) {
        Map<String, WorkItemHandler> handlers = new HashMap<>(super.getWorkItemHandlers(runtime));
        handlers.put(StepHandler.WORK_TYPE, new StepHandler(runtime.getKieSession(), steps));
        return handlers;
    }

    @Override
    public List<ProcessEventListener> getProcessEventListeners(RuntimeEngine runtime) {
        List<ProcessEventListener> listeners = new ArrayList<>(super.getProcessEventListeners(runtime));
        listeners.add(recorder);
        return listeners;
    }

    @Override
    public List<TaskLifeCycleEventListener> getTaskListeners() {
        List<TaskLifeCycleEventListener> listeners = new ArrayList<>(super.getTaskListeners());
        listeners.add(recorder);
        return listeners;
    }
}
