package io.trunkline.ejb.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/** A workflow instance as lists show it. */
public record WorkflowSummary(long id, String processId, String processName, String version, WorkflowState state,
                              String startedBy, Instant startedAt, Instant endedAt) implements Serializable {
}
