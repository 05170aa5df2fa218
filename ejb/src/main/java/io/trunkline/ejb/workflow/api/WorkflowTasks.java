package io.trunkline.ejb.workflow.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ejb.Local;

/** The human tasks of every workflow, for the users they are offered to. */
@Local
public interface WorkflowTasks {

    /** Tasks offered to or held by the caller; {@code openOnly}: Ready, Reserved and InProgress only. */
    List<TaskView> tasks(Caller caller, boolean openOnly);

    Optional<TaskView> task(Caller caller, long id);

    /**
     * @throws WorkflowNotFound no such task the caller may read
     * @throws WorkflowConflict  claimed by another user
     * @throws SecurityException the caller may not act on it
     */
    TaskView claim(Caller caller, long id);

    /**
     * Claims and starts the task if needed, then completes it with {@code data} checked against its form (raw JSON
     * values: String, BigDecimal, Boolean, null).
     *
     * @throws WorkflowNotFound    no such task the caller may read
     * @throws InvalidWorkflowInput a field of {@code data} refused ({@code data.<name>})
     * @throws SecurityException    the caller may not work on it
     */
    void complete(Caller caller, long id, Map<String, Object> data);
}
