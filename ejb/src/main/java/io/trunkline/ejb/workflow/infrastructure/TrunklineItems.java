package io.trunkline.ejb.workflow.infrastructure;

import java.util.ArrayList;
import java.util.List;
import org.jbpm.runtime.manager.impl.DefaultRegisterableItemsFactory;
import org.kie.api.event.process.ProcessEventListener;
import org.kie.api.runtime.manager.RuntimeEngine;
import org.kie.api.task.TaskLifeCycleEventListener;

/**
 * jBPM's default listeners and handlers (its JPA audit logs, the "Human Task" work item handler, the task audit
 * listener), always kept by calling {@code super}, plus the platform's audit trail recorder.
 */
public class TrunklineItems extends DefaultRegisterableItemsFactory {

    private final WorkflowEventRecorder recorder;

    public TrunklineItems(WorkflowEventRecorder recorder) {
        this.recorder = recorder;
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
