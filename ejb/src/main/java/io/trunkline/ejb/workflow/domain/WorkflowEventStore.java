package io.trunkline.ejb.workflow.domain;

import io.trunkline.ejb.workflow.api.WorkflowEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The workflows' audit trail, totally ordered, written in the transaction of what it records. */
public interface WorkflowEventStore {

    /** An event to record; {@code seq} is given by the store. */
    record NewEvent(long processInstanceId, String processId, Instant at, String actor, String kind, String node,
                    String nodeType, Long nodeInstanceId, Long taskId, String task, String variable, String oldValue,
                    String newValue, String detail) {

        /** An event about the instance as a whole (started, cancel requested, completed...). */
        public static NewEvent of(long processInstanceId, String processId, String actor, String kind, String detail) {
            return new NewEvent(processInstanceId, processId, Instant.now(), actor, kind, null, null, null, null, null,
                    null, null, null, detail);
        }
    }

    void append(NewEvent e) throws SQLException;

    /** The instance's events in the order recorded. */
    List<WorkflowEvent> forInstance(long processInstanceId) throws SQLException;

    /** Who started each of these instances (their PROCESS_STARTED event's actor), by instance id. */
    Map<Long, String> starters(Collection<Long> processInstanceIds) throws SQLException;
}
