package io.trunkline.ejb.alerts.application;

import io.trunkline.ejb.alerts.api.Alerts;
import io.trunkline.ejb.alerts.domain.AlertStore;
import io.trunkline.ejb.platform.infrastructure.Transactions;
import java.sql.SQLException;
import java.time.Instant;
import javax.ejb.EJBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one event of a stored alert to every configured target and records each attempt, committed. */
final class AlertDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);

    private final AlertNotifier notifier = new AlertNotifier();

    /** @param event RAISED, ESCALATED or RESOLVED */
    void deliver(AlertStore alerts, Transactions transactions, String event, long alertId, Instant now) {
        try {
            Alerts.Alert alert = alerts.find(alertId).orElseThrow();
            for (AlertNotifier.Outcome o : notifier.send(event, alert)) {
                transactions.committed(() -> {
                    try {
                        alerts.delivered(alert.id(), event, o.channel(), o.target(), now, o.outcome());
                    } catch (SQLException ex) {
                        throw new EJBException(ex);
                    }
                    return null;
                });
                if (!o.outcome().equals("delivered")) {
                    LOG.warn("alert #{} {} by {} to {}: {}", alert.id(), event, o.channel(), o.target(), o.outcome());
                }
            }
        } catch (SQLException ex) {
            LOG.warn("alert #{} {} not delivered: {}", alertId, event, ex.getMessage());
        }
    }
}
