package io.trunkline.ejb.workflow.api;

/** No such workflow or task, or none the caller's roles may read: answered as not found either way. */
public class WorkflowNotFound extends RuntimeException {

    public WorkflowNotFound(String message) {
        super(message);
    }
}
