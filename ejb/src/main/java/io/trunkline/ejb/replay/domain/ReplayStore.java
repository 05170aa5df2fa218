package io.trunkline.ejb.replay.domain;

import io.trunkline.ejb.replay.api.ReplayRun;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where replays are kept with their version: what was asked, the state, the progress and what was found. */
public interface ReplayStore {

    /** Stores a new RUNNING replay; its id. */
    long insert(ReplayRun run) throws SQLException;

    /** A replay, with its sample of changed calls when {@code withChanges}. */
    Optional<ReplayRun> find(long id, boolean withChanges) throws SQLException;

    /** Replays newest first, without samples, of one rulebook and version when given. */
    List<ReplayRun> list(String rulebook, Integer version, int limit) throws SQLException;

    /** The id of a RUNNING replay of that version, if one is. */
    Optional<Long> running(String rulebook, int version) throws SQLException;

    void counted(long id, long total) throws SQLException;

    void progress(long id, long read, long decided) throws SQLException;

    /** Marks a RUNNING replay to be cancelled by {@code user}; false when it is not running. */
    boolean requestCancel(long id, String user) throws SQLException;

    /** Whether someone asked to cancel the replay (on any platform node). */
    boolean cancelRequested(long id) throws SQLException;

    /** Ends a replay in {@code state} (DONE with its report, CANCELLED or FAILED with the reason). */
    void finish(long id, ReplayRun.State state, String reason, long read, long decided, String summaryJson,
                String changesJson, Instant at) throws SQLException;

    /** Ends every RUNNING replay as FAILED with {@code reason}; how many there were. */
    int failRunning(String reason, Instant at) throws SQLException;
}
