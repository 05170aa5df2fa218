package io.trunkline.ejb.alerts.domain;

import io.trunkline.ejb.alerts.api.Alerts.Alert;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The alerts, one per condition and subject while open, with the deliveries of their events. */
public interface AlertStore {

    /** An alert not resolved yet, with its condition's key, the window it was judged on and its escalation delay. */
    record Open(Alert alert, String key, Instant windowStart, Integer escalateAfterSeconds) {
    }

    /** The alerts not resolved, by key. */
    Map<String, Open> open() throws SQLException;

    long raise(String key, String title, String rule, String severity, String origin, String dimension,
               String subject, String details, Instant window, Integer escalateAfterSeconds, Instant now)
            throws SQLException;

    void update(long id, String severity, String details, Instant window, Instant now) throws SQLException;

    void resolve(long id, Instant now) throws SQLException;

    /** Escalates an alert still open and not escalated; false when it was not. */
    boolean escalate(long id, Instant now) throws SQLException;

    /** Acknowledges an open alert; false when it was not open. */
    boolean acknowledge(long id, String user, Instant now) throws SQLException;

    void delivered(long alertId, String event, String channel, String target, Instant at, String outcome)
            throws SQLException;

    Optional<Alert> find(long id) throws SQLException;

    /** The latest alerts, "open" (open or acknowledged), "resolved" or (null) all. */
    List<Alert> list(String state, int limit) throws SQLException;
}
