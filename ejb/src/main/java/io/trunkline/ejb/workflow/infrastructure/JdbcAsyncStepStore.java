package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.ejb.workflow.domain.AsyncStepStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** The table workflow_async_step in plain JDBC, in the caller's JTA transaction. */
@Dependent
public class JdbcAsyncStepStore implements AsyncStepStore {

    private final DataSource dataSource;

    @Inject
    public JdbcAsyncStepStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void started(long workItemId, long workflowId, String action) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO workflow_async_step (work_item_id, process_instance_id, "
                     + "action, started_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, workItemId);
            ps.setLong(2, workflowId);
            ps.setString(3, action);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    @Override
    public void done(long workItemId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM workflow_async_step WHERE work_item_id = ?")) {
            ps.setLong(1, workItemId);
            ps.executeUpdate();
        }
    }

    @Override
    public List<Pending> pending() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT work_item_id, process_instance_id, action "
                     + "FROM workflow_async_step ORDER BY started_at");
             ResultSet rs = ps.executeQuery()) {
            List<Pending> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
            return out;
        }
    }
}
