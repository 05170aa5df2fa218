package io.trunkline.ejb.workflow.domain;

import java.sql.SQLException;
import java.util.List;

/** Asynchronous workflow steps started and not yet completed: what a restart starts again. */
public interface AsyncStepStore {

    record Pending(long workItemId, long workflowId, String action) {
    }

    /** In the engine's transaction: gone with it when it rolls back. */
    void started(long workItemId, long workflowId, String action) throws SQLException;

    void done(long workItemId) throws SQLException;

    List<Pending> pending() throws SQLException;
}
