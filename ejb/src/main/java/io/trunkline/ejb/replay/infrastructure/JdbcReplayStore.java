package io.trunkline.ejb.replay.infrastructure;

import io.trunkline.ejb.replay.api.ReplayRun;
import io.trunkline.ejb.replay.domain.ReplayStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** Table replay_run in plain JDBC; each statement commits on its own (the replay service runs outside transactions). */
@Dependent
public class JdbcReplayStore implements ReplayStore {

    private static final String COLUMNS = "id, rulebook, version, period_from, period_to, requested_by, requested_at, "
            + "against_versions, state, reason, calls_read, calls_decided, calls_total, finished_at, cancelled_by, summary";

    private final DataSource dataSource;

    @Inject
    public JdbcReplayStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long insert(ReplayRun run) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO replay_run (rulebook, version, period_from, period_to, "
                     + "requested_by, requested_at, against_versions, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, run.rulebook());
            ps.setInt(2, run.version());
            ps.setTimestamp(3, Timestamp.from(run.from()));
            ps.setTimestamp(4, Timestamp.from(run.to()));
            ps.setString(5, cut(run.requestedBy(), 64));
            ps.setTimestamp(6, Timestamp.from(run.requestedAt()));
            ps.setString(7, String.join(",", run.against()));
            ps.setString(8, run.state().name());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    @Override
    public Optional<ReplayRun> find(long id, boolean withChanges) throws SQLException {
        List<ReplayRun> runs = query("SELECT " + COLUMNS + (withChanges ? ", changes" : ", NULL") + " FROM replay_run "
                + "WHERE id = ?", ps -> ps.setLong(1, id));
        return runs.stream().findFirst();
    }

    @Override
    public List<ReplayRun> list(String rulebook, Integer version, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", NULL FROM replay_run WHERE 1 = 1");
        if (rulebook != null) {
            sql.append(" AND rulebook = ?");
        }
        if (version != null) {
            sql.append(" AND version = ?");
        }
        sql.append(" ORDER BY requested_at DESC, id DESC LIMIT ?");
        return query(sql.toString(), ps -> {
            int i = 0;
            if (rulebook != null) {
                ps.setString(++i, rulebook);
            }
            if (version != null) {
                ps.setInt(++i, version);
            }
            ps.setInt(++i, limit);
        });
    }

    @Override
    public Optional<Long> running(String rulebook, int version) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM replay_run WHERE state = 'RUNNING' AND rulebook = ? "
                     + "AND version = ? ORDER BY id")) {
            ps.setString(1, rulebook);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    public void counted(long id, long total) throws SQLException {
        update("UPDATE replay_run SET calls_total = ? WHERE id = ?", ps -> {
            ps.setLong(1, total);
            ps.setLong(2, id);
        });
    }

    @Override
    public void progress(long id, long read, long decided) throws SQLException {
        update("UPDATE replay_run SET calls_read = ?, calls_decided = ? WHERE id = ? AND state = 'RUNNING'", ps -> {
            ps.setLong(1, read);
            ps.setLong(2, decided);
            ps.setLong(3, id);
        });
    }

    @Override
    public boolean requestCancel(long id, String user) throws SQLException {
        return update("UPDATE replay_run SET cancelled_by = ? WHERE id = ? AND state = 'RUNNING' AND cancelled_by IS NULL",
                ps -> {
                    ps.setString(1, cut(user, 64));
                    ps.setLong(2, id);
                }) == 1;
    }

    @Override
    public boolean cancelRequested(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT cancelled_by FROM replay_run WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null;
            }
        }
    }

    @Override
    public void finish(long id, ReplayRun.State state, String reason, long read, long decided, String summaryJson,
                       String changesJson, Instant at) throws SQLException {
        update("UPDATE replay_run SET state = ?, reason = ?, calls_read = ?, calls_decided = ?, summary = ?, changes = ?, "
                + "finished_at = ? WHERE id = ?", ps -> {
                    ps.setString(1, state.name());
                    setText(ps, 2, reason);
                    ps.setLong(3, read);
                    ps.setLong(4, decided);
                    setText(ps, 5, summaryJson);
                    setText(ps, 6, changesJson);
                    ps.setTimestamp(7, Timestamp.from(at));
                    ps.setLong(8, id);
                });
    }

    @Override
    public int failRunning(String reason, Instant at) throws SQLException {
        return update("UPDATE replay_run SET state = 'FAILED', reason = ?, finished_at = ? WHERE state = 'RUNNING'", ps -> {
            ps.setString(1, reason);
            ps.setTimestamp(2, Timestamp.from(at));
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    private List<ReplayRun> query(String sql, Binder binder) throws SQLException {
        List<ReplayRun> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long total = rs.getLong(13);
                    Long counted = rs.wasNull() ? null : total;
                    String against = rs.getString(8);
                    out.add(new ReplayRun(rs.getLong(1), rs.getString(2), rs.getInt(3), instant(rs, 4), instant(rs, 5),
                            rs.getString(6), instant(rs, 7), against.isEmpty() ? List.of() : List.of(against.split(",")),
                            ReplayRun.State.valueOf(rs.getString(9)), rs.getString(10), rs.getLong(11), rs.getLong(12),
                            counted, instant(rs, 14), rs.getString(15), rs.getString(16), rs.getString(17)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setText(PreparedStatement ps, int i, String text) throws SQLException {
        if (text == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, text);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
