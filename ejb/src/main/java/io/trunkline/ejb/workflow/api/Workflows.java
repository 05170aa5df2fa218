package io.trunkline.ejb.workflow.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ejb.Local;

/**
 * Every workflow the platform runs: start, list by state, read with its timeline, cancel, export the audit trail.
 * What the caller's roles may not read is not found ({@code Optional.empty()}) and left out of lists.
 */
@Local
public interface Workflows {

    /**
     * @throws InvalidWorkflowInput unknown {@code processId} or a refused variable ({@code variables.<name>})
     * @throws SecurityException    the caller may not start this process
     */
    WorkflowSummary start(Caller caller, String processId, Map<String, Object> variables);

    /** Newest first; {@code state} and {@code processId} null for all. */
    List<WorkflowSummary> list(Caller caller, WorkflowState state, String processId, int limit);

    Optional<WorkflowDetail> workflow(Caller caller, long id);

    /**
     * @throws WorkflowConflict  the workflow is not active
     * @throws SecurityException the caller may not act on it
     * @throws WorkflowNotFound no such workflow the caller may read
     */
    WorkflowSummary cancel(Caller caller, long id, String reason);

    /** The workflow's audit trail in the order recorded; empty when there is no such workflow the caller may read. */
    Optional<List<WorkflowEvent>> audit(Caller caller, long id);
}
