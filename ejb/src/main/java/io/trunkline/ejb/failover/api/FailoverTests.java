package io.trunkline.ejb.failover.api;

import io.trunkline.contract.telecom.CarrierId;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/**
 * Carrier failover tests as tracked workflows: approval, the test window, evidence. Their tasks are worked through
 * the workflow API ({@code io.trunkline.ejb.workflow.api.WorkflowTasks}).
 */
@Local
public interface FailoverTests {

    /** A workflow instance: its state and the steps it is at now. */
    record Workflow(long id, String processId, String state, List<String> activeSteps, String startedBy,
                    Instant startedAt, Instant endedAt) implements Serializable {
    }

    /**
     * Starts a failover test of {@code carrier}; the test window opens {@code window} after approval.
     *
     * @return the workflow id
     */
    long start(CarrierId carrier, Duration window, String requestedBy);

    Optional<Workflow> workflow(long id);
}
