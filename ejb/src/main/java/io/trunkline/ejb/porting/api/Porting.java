package io.trunkline.ejb.porting.api;

import io.trunkline.ejb.workflow.api.Caller;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import javax.ejb.Local;

/**
 * What number porting has besides the workflow API: the carriers' porting desks (master data: where port requests
 * go), the numbers of a port with what the port did to each, and rescheduling a port before its port day.
 */
@Local
public interface Porting {

    record Desk(String carrier, String email, String contact, Instant updatedAt) implements Serializable {
    }

    record PortedNumber(String number, String previousCarrier, String previousPbx, String extension, String state,
                        Instant changedAt) implements Serializable {
    }

    List<Desk> desks();

    /**
     * @throws io.trunkline.ejb.workflow.api.InvalidWorkflowInput an unknown carrier or an address that is not one
     */
    Desk putDesk(Caller caller, String carrier, String email, String contact);

    /**
     * @throws io.trunkline.ejb.workflow.api.WorkflowNotFound no port of that id the caller may read
     */
    List<PortedNumber> numbers(Caller caller, long portId);

    /**
     * Moves port day to {@code focAt} (ISO-8601 with offset) once a FOC has been recorded, or the requested date
     * before that ({@code requestedDate}, ISO date); one of the two.
     *
     * @throws io.trunkline.ejb.workflow.api.WorkflowConflict the port is not open, or its numbers have moved
     */
    void reschedule(Caller caller, long portId, String focAt, String requestedDate);
}
