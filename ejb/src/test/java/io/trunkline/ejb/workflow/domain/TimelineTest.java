package io.trunkline.ejb.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.workflow.api.WorkflowEvent;
import io.trunkline.ejb.workflow.api.WorkflowState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static WorkflowEvent node(long seq, String kind, String name, long instance) {
        return new WorkflowEvent(seq, Instant.EPOCH, "carla", kind, name, "HumanTaskNode", instance, null, null, null,
                null, null, null);
    }

    private static WorkflowEvent variable(long seq, String name, String value) {
        return new WorkflowEvent(seq, Instant.EPOCH, "carla", "VARIABLE_CHANGED", null, null, null, null, null, name,
                null, value, null);
    }

    private final List<WorkflowEvent> events = List.of(
            node(1, "NODE_ENTERED", "Start", 1), node(2, "NODE_LEFT", "Start", 1),
            node(3, "NODE_ENTERED", "Approve", 2), variable(4, "carrier", "a"), node(5, "NODE_LEFT", "Approve", 2),
            node(6, "NODE_ENTERED", "Wait", 3), node(7, "NODE_ENTERED", "Approve", 4), variable(8, "carrier", "b"));

    @Test
    void activeStepsAreNodesEnteredAndNotLeftByInstance() {
        assertThat(Timeline.activeSteps(WorkflowState.ACTIVE, events)).containsExactly("Wait", "Approve");
    }

    @Test
    void aWorkflowNoLongerActiveHasNoActiveSteps() {
        assertThat(Timeline.activeSteps(WorkflowState.ABORTED, events)).isEmpty();
    }

    @Test
    void variablesKeepTheirLatestValue() {
        assertThat(Timeline.variables(events)).containsExactly(java.util.Map.entry("carrier", "b"));
    }
}
