package io.trunkline.ejb.failover.domain;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The carriers' drill schedules, one per carrier. */
public interface DrillScheduleStore {

    List<DrillSchedule> all() throws SQLException;

    Optional<DrillSchedule> find(String carrier) throws SQLException;

    /** Creates or replaces the carrier's schedule, keeping when its drill last started. */
    void put(DrillSchedule schedule) throws SQLException;

    /** @return whether there was one */
    boolean delete(String carrier) throws SQLException;

    /**
     * Claims {@code slot} for the carrier's drill: only the first caller across the cluster gets true (a
     * compare-and-set on when the drill last started), so two platform nodes never start the same slot twice.
     */
    boolean claim(String carrier, Instant slot, Instant now) throws SQLException;

    /** Records the workflow the claimed slot started. */
    void started(String carrier, long workflowId) throws SQLException;
}
