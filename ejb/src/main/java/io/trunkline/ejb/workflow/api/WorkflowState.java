package io.trunkline.ejb.workflow.api;

/** A workflow instance's state, with jBPM's codes ({@code ProcessInstance.STATE_*}). */
public enum WorkflowState {
    PENDING, ACTIVE, COMPLETED, ABORTED, SUSPENDED;

    public static WorkflowState of(int code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalArgumentException("no workflow state " + code);
        }
        return values()[code];
    }

    public int code() {
        return ordinal();
    }
}
