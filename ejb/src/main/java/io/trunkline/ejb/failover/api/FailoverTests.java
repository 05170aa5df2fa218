package io.trunkline.ejb.failover.api;

import io.trunkline.contract.telecom.CarrierId;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/** Carrier failover tests as tracked workflows: approval, the test window, evidence. */
@Local
public interface FailoverTests {

    /** A human task of a workflow, as its potential owners see it. */
    record Task(long id, String name, String status, long workflowId, String processId, String actualOwner,
                Instant createdOn) implements Serializable {
    }

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

    /** Open tasks offered to {@code user} (directly or through the user's roles). */
    List<Task> tasksFor(String user);

    /**
     * Claims (if needed), starts and completes the task as {@code user}.
     *
     * @throws IllegalArgumentException unknown task
     * @throws SecurityException        the user is not a potential owner
     */
    void complete(long taskId, String user);
}
