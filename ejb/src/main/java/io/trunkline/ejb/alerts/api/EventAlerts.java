package io.trunkline.ejb.alerts.api;

import java.io.Serializable;
import javax.ejb.Local;

/**
 * Alerts raised by something that happened (a fraud rule blocking a call, the edge banning a SIP source) rather
 * than by a window's figures. One alert stays open per title, origin, dimension and subject: a repeat updates its
 * details and counts its occurrences instead of sending another message. It is sent (e-mail, webhook) when raised
 * and when it escalates, like the threshold alerts, and stays open until it is acknowledged.
 */
@Local
public interface EventAlerts {

    /** Origins of event alerts; the threshold evaluator never resolves an alert of these on its own. */
    String FRAUD = "fraud";
    String SECURITY = "security";
    String STIR = "stir";
    /** A workflow's step: a port rolled back, a FOC overdue, a drill failed. */
    String WORKFLOW = "workflow";

    /**
     * @param origin    {@link #FRAUD}, {@link #SECURITY}, {@link #STIR} or {@link #WORKFLOW}
     * @param dimension what the subject is: {@code extension}, {@code pbx}, {@code carrier}, {@code source}, ...
     * @param severity  {@code WARNING} or {@code CRITICAL}
     * @param details   what happened, including the evidence (for fraud: the row, counter, value, threshold, trace)
     * @param escalateAfterSeconds how long it may stay unacknowledged before it escalates; null: never
     */
    record EventAlert(String origin, String dimension, String subject, String title, String severity, String details,
                      Integer escalateAfterSeconds) implements Serializable {
    }

    /**
     * Raises the alert, or updates the open one of its title and subject. Returns at once: the alert is stored
     * and sent in the background, in the order raised, so the caller (a call's decision) never waits on a mail
     * server.
     */
    void raise(EventAlert alert);
}
