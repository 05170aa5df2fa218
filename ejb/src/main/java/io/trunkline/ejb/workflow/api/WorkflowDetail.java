package io.trunkline.ejb.workflow.api;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** A workflow instance with the steps it is at, its variables' latest values and its whole timeline. */
public record WorkflowDetail(WorkflowSummary summary, List<String> activeSteps, Map<String, String> variables,
                             List<WorkflowEvent> timeline) implements Serializable {
}
