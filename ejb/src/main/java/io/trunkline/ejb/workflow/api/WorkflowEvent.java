package io.trunkline.ejb.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One entry of a workflow's audit trail, in the order the platform recorded it ({@code seq}): who ({@code actor},
 * {@code system} for timers) did what ({@code kind}: PROCESS_STARTED, NODE_ENTERED, NODE_LEFT, VARIABLE_CHANGED,
 * TASK_*, TASK_FORM_SUBMITTED, CANCEL_REQUESTED, PROCESS_COMPLETED, PROCESS_ABORTED) and when.
 */
public record WorkflowEvent(long seq, Instant at, String actor, String kind, String node, String nodeType,
                            Long nodeInstanceId, Long taskId, String task, String variable, String oldValue,
                            String newValue, String detail) implements Serializable {
}
