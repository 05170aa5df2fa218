package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.ejb.workflow.api.WorkflowEvent;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** The table workflow_event in plain JDBC, in the caller's (the engine's) JTA transaction. */
@Dependent
public class JdbcWorkflowEventStore implements WorkflowEventStore {

    private static final String COLUMNS = "process_instance_id, process_id, at, actor, kind, node_name, node_type, "
            + "node_instance_id, task_id, task_name, variable, old_value, new_value, detail";

    private final DataSource dataSource;

    @Inject
    public JdbcWorkflowEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void append(NewEvent e) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO workflow_event (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, e.processInstanceId());
            ps.setString(2, cut(e.processId(), 200));
            ps.setTimestamp(3, Timestamp.from(e.at()));
            ps.setString(4, cut(e.actor(), 128));
            ps.setString(5, cut(e.kind(), 32));
            ps.setString(6, cut(e.node(), 255));
            ps.setString(7, cut(e.nodeType(), 64));
            setLong(ps, 8, e.nodeInstanceId());
            setLong(ps, 9, e.taskId());
            ps.setString(10, cut(e.task(), 255));
            ps.setString(11, cut(e.variable(), 255));
            ps.setString(12, text(e.oldValue()));
            ps.setString(13, text(e.newValue()));
            ps.setString(14, text(e.detail()));
            ps.executeUpdate();
        }
    }

    @Override
    public List<WorkflowEvent> forInstance(long processInstanceId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq, " + COLUMNS
                     + " FROM workflow_event WHERE process_instance_id = ? ORDER BY seq")) {
            ps.setLong(1, processInstanceId);
            List<WorkflowEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WorkflowEvent(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                            rs.getString("kind"), rs.getString("node_name"), rs.getString("node_type"),
                            (Long) rs.getObject("node_instance_id"), (Long) rs.getObject("task_id"),
                            rs.getString("task_name"), rs.getString("variable"), rs.getString("old_value"),
                            rs.getString("new_value"), rs.getString("detail")));
                }
            }
            return out;
        }
    }

    @Override
    public Map<Long, String> starters(Collection<Long> processInstanceIds) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        if (processInstanceIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT process_instance_id, actor FROM workflow_event "
                     + "WHERE kind = 'PROCESS_STARTED' AND process_instance_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", processInstanceIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    /** PostgreSQL's text cannot hold NUL: it is stored as U+FFFD rather than failing the step it records. */
    private static String text(String s) {
        return s == null ? null : s.replace('\0', '\uFFFD');
    }

    /** Names cut to their column by code points, so a surrogate pair is never split. */
    private static String cut(String s, int max) {
        String t = text(s);
        if (t == null || t.codePointCount(0, t.length()) <= max) {
            return t;
        }
        return t.substring(0, t.offsetByCodePoints(0, max));
    }
}
