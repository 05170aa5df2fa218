package io.trunkline.ejb.alerts.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import javax.ejb.Local;

/** Alerts for the API: listed, acknowledged. */
@Local
public interface Alerts {

    /** One alert; {@code state} OPEN, ACKNOWLEDGED or RESOLVED; {@code escalation} 0 until escalated. */
    record Alert(long id, String title, String severity, String origin, String dimension, String subject,
                 String state, String details, Instant raisedAt, Instant updatedAt, Instant acknowledgedAt,
                 String acknowledgedBy, Instant resolvedAt, int escalation, Instant escalatedAt, int occurrences,
                 List<Delivery> deliveries) implements Serializable {
    }

    /** One notification sent: RAISED, ESCALATED or RESOLVED, by EMAIL or WEBHOOK, and how it went. */
    record Delivery(String event, String channel, String target, Instant at, String outcome) implements Serializable {
    }

    /** @param state open (OPEN and ACKNOWLEDGED), resolved, or null for all */
    List<Alert> list(String state, int limit);

    /** @throws IllegalArgumentException when there is no such alert or it is already resolved */
    Alert acknowledge(long id, String user);

    /** When the thresholds were last judged (null before the first time). */
    Instant evaluatedAt();
}
