package io.trunkline.ejb.workflow.api;

/** What was asked cannot be done in the workflow's or task's present state (not active, claimed by another). */
public class WorkflowConflict extends RuntimeException {

    private final String reason;

    public WorkflowConflict(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A short code: {@code not_active}, {@code task_claimed}. */
    public String reason() {
        return reason;
    }
}
