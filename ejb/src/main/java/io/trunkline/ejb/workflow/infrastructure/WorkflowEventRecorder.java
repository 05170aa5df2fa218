package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.ejb.workflow.domain.Timeline.Kinds;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore.NewEvent;
import java.sql.SQLException;
import java.time.Instant;
import org.jbpm.services.task.events.DefaultTaskEventListener;
import org.kie.api.event.process.ProcessCompletedEvent;
import org.kie.api.event.process.ProcessEventListener;
import org.kie.api.event.process.ProcessNodeEvent;
import org.kie.api.event.process.ProcessNodeLeftEvent;
import org.kie.api.event.process.ProcessNodeTriggeredEvent;
import org.kie.api.event.process.ProcessStartedEvent;
import org.kie.api.event.process.ProcessVariableChangedEvent;
import org.kie.api.runtime.process.NodeInstance;
import org.kie.api.runtime.process.ProcessInstance;
import org.kie.api.task.TaskEvent;
import org.kie.api.task.model.Task;

/**
 * Writes every step, variable change and task action of every workflow to the audit trail, in the engine's
 * transaction: if the row cannot be stored, what it records is rolled back with it. Node events are taken on the
 * same hooks as jBPM's own audit logger (before triggered, before left): the {@code after} events fire once the
 * steps downstream have run, in reverse order.
 */
public class WorkflowEventRecorder extends DefaultTaskEventListener implements ProcessEventListener {

    /** The longest variable value kept; the rest is cut. */
    static final int MAX_VALUE = 10_000;

    private final WorkflowEventStore store;

    public WorkflowEventRecorder(WorkflowEventStore store) {
        this.store = store;
    }

    @Override
    public void beforeProcessStarted(ProcessStartedEvent event) {
        ProcessInstance pi = event.getProcessInstance();
        append(NewEvent.of(pi.getId(), pi.getProcessId(), WorkflowActor.current(), Kinds.PROCESS_STARTED, null));
    }

    @Override
    public void afterProcessCompleted(ProcessCompletedEvent event) {
        ProcessInstance pi = event.getProcessInstance();
        String kind = pi.getState() == ProcessInstance.STATE_ABORTED ? Kinds.PROCESS_ABORTED : Kinds.PROCESS_COMPLETED;
        append(NewEvent.of(pi.getId(), pi.getProcessId(), WorkflowActor.current(), kind, null));
    }

    @Override
    public void beforeNodeTriggered(ProcessNodeTriggeredEvent event) {
        node(event, Kinds.NODE_ENTERED);
    }

    @Override
    public void beforeNodeLeft(ProcessNodeLeftEvent event) {
        node(event, Kinds.NODE_LEFT);
    }

    private void node(ProcessNodeEvent event, String kind) {
        ProcessInstance pi = event.getProcessInstance();
        NodeInstance n = event.getNodeInstance();
        String type = n.getNode() == null ? null : n.getNode().getClass().getSimpleName();
        append(new NewEvent(pi.getId(), pi.getProcessId(), Instant.now(), WorkflowActor.current(), kind,
                n.getNodeName(), type, n.getId(), null, null, null, null, null, null));
    }

    @Override
    public void afterVariableChanged(ProcessVariableChangedEvent event) {
        ProcessInstance pi = event.getProcessInstance();
        append(new NewEvent(pi.getId(), pi.getProcessId(), Instant.now(), WorkflowActor.current(),
                Kinds.VARIABLE_CHANGED, null, null, null, null, null, event.getVariableId(),
                text(event.getOldValue()), text(event.getNewValue()), null));
    }

    @Override
    public void afterProcessStarted(ProcessStartedEvent event) {
        // recorded before, so the started event precedes its first step
    }

    @Override
    public void beforeProcessCompleted(ProcessCompletedEvent event) {
        // recorded after, when the state says completed or aborted
    }

    @Override
    public void afterNodeTriggered(ProcessNodeTriggeredEvent event) {
        // recorded before: see the class comment
    }

    @Override
    public void afterNodeLeft(ProcessNodeLeftEvent event) {
        // recorded before: see the class comment
    }

    @Override
    public void beforeVariableChanged(ProcessVariableChangedEvent event) {
        // recorded after, with the value that was set
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value);
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE);
    }

    @Override
    public void afterTaskAddedEvent(TaskEvent event) {
        task(event, "TASK_ADDED");
    }

    @Override
    public void afterTaskClaimedEvent(TaskEvent event) {
        task(event, "TASK_CLAIMED");
    }

    @Override
    public void afterTaskStartedEvent(TaskEvent event) {
        task(event, "TASK_STARTED");
    }

    @Override
    public void afterTaskCompletedEvent(TaskEvent event) {
        task(event, "TASK_COMPLETED");
    }

    @Override
    public void afterTaskReleasedEvent(TaskEvent event) {
        task(event, "TASK_RELEASED");
    }

    @Override
    public void afterTaskExitedEvent(TaskEvent event) {
        task(event, "TASK_EXITED");
    }

    @Override
    public void afterTaskSkippedEvent(TaskEvent event) {
        task(event, "TASK_SKIPPED");
    }

    @Override
    public void afterTaskDelegatedEvent(TaskEvent event) {
        task(event, "TASK_DELEGATED");
    }

    @Override
    public void afterTaskForwardedEvent(TaskEvent event) {
        task(event, "TASK_FORWARDED");
    }

    private void task(TaskEvent event, String kind) {
        Task t = event.getTask();
        Long instance = t.getTaskData().getProcessInstanceId();
        if (instance == null || instance < 0) {
            return; // a task outside any workflow has no trail to join
        }
        String user = event.getTaskContext() == null ? null : event.getTaskContext().getUserId();
        append(new NewEvent(instance, t.getTaskData().getProcessId(), Instant.now(),
                user == null ? WorkflowActor.current() : user, kind, null, null, null, t.getId(), t.getName(),
                null, null, null, null));
    }

    private void append(NewEvent e) {
        try {
            store.append(e);
        } catch (SQLException ex) {
            throw new IllegalStateException("audit not stored: " + e.kind() + " of workflow " + e.processInstanceId(), ex);
        }
    }
}
