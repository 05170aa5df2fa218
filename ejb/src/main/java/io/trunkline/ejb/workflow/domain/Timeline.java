package io.trunkline.ejb.workflow.domain;

import io.trunkline.ejb.workflow.api.WorkflowEvent;
import io.trunkline.ejb.workflow.api.WorkflowState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a workflow's timeline says about it now. */
public final class Timeline {

    private Timeline() {
    }

    /** Nodes entered and not left (by node instance), in the order entered; none unless the workflow is active. */
    public static List<String> activeSteps(WorkflowState state, List<WorkflowEvent> events) {
        if (state != WorkflowState.ACTIVE) {
            return List.of();
        }
        Map<Long, String> open = new LinkedHashMap<>();
        for (WorkflowEvent e : events) {
            if (e.nodeInstanceId() == null) {
                continue;
            }
            if (e.kind().equals(Kinds.NODE_ENTERED)) {
                open.put(e.nodeInstanceId(), e.node());
            } else if (e.kind().equals(Kinds.NODE_LEFT)) {
                open.remove(e.nodeInstanceId());
            }
        }
        return List.copyOf(open.values());
    }

    /** Each variable's latest value, in the order the variables were first set. */
    public static Map<String, String> variables(List<WorkflowEvent> events) {
        Map<String, String> out = new LinkedHashMap<>();
        for (WorkflowEvent e : events) {
            if (e.kind().equals(Kinds.VARIABLE_CHANGED) && e.variable() != null) {
                out.put(e.variable(), e.newValue());
            }
        }
        return out;
    }

    /** The kinds of event the trail holds. */
    public static final class Kinds {
        public static final String PROCESS_STARTED = "PROCESS_STARTED";
        public static final String PROCESS_COMPLETED = "PROCESS_COMPLETED";
        public static final String PROCESS_ABORTED = "PROCESS_ABORTED";
        public static final String NODE_ENTERED = "NODE_ENTERED";
        public static final String NODE_LEFT = "NODE_LEFT";
        public static final String VARIABLE_CHANGED = "VARIABLE_CHANGED";
        public static final String CANCEL_REQUESTED = "CANCEL_REQUESTED";
        public static final String TASK_FORM_SUBMITTED = "TASK_FORM_SUBMITTED";

        private Kinds() {
        }
    }
}
