package io.trunkline.ejb.failover.api;

import io.trunkline.ejb.workflow.api.Caller;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import javax.ejb.Local;

/**
 * The carriers' failover drill schedules (master data). A drill itself is the workflow {@code failover.FailoverDrill}:
 * started by its schedule (by {@code system}) or on demand through the workflow API.
 */
@Local
public interface FailoverDrills {

    /**
     * A carrier's drill schedule.
     *
     * @param days  weekdays such as {@code MON-FRI} or {@code TUE,THU}
     * @param time  the local time of the drill, {@code HH:mm}
     * @param zone  the time zone of {@code time} (IANA id)
     */
    record Schedule(String carrier, String sourcePbx, List<String> testNumbers, String expectCarrier,
                    int maxAddedSetupMs, String days, String time, String zone, boolean enabled, String updatedBy,
                    Instant updatedAt, Instant lastStartedAt, Long lastWorkflowId) implements Serializable {
    }

    /** What a person sets; {@code maxAddedSetupMs} null: the drill's default. */
    record ScheduleRequest(String sourcePbx, List<String> testNumbers, String expectCarrier, Integer maxAddedSetupMs,
                           String days, String time, String zone, boolean enabled) implements Serializable {
    }

    List<Schedule> schedules();

    /**
     * Creates or replaces the carrier's schedule; a slot before this change does not start a drill.
     *
     * @throws io.trunkline.ejb.workflow.api.WorkflowNotFound     no such carrier
     * @throws io.trunkline.ejb.workflow.api.InvalidWorkflowInput a field refused, named
     */
    Schedule put(Caller caller, String carrier, ScheduleRequest request);

    /** @throws io.trunkline.ejb.workflow.api.WorkflowNotFound the carrier has no schedule */
    void delete(Caller caller, String carrier);
}
