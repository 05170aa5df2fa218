package io.trunkline.ejb.alerts.application;

import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.alerts.domain.AlertStore;
import io.trunkline.ejb.platform.infrastructure.Transactions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.ejb.Asynchronous;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Lock;
import javax.ejb.LockType;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores and sends event alerts in the background. A singleton whose raise holds the write lock: raises of the
 * same subject arriving together (a burst of blocked calls) are taken one after the other, so the second finds
 * the first's open alert and updates it instead of opening another.
 */
@Singleton
@Lock(LockType.WRITE)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventAlertService implements EventAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(EventAlertService.class);

    @Inject
    private AlertStore alerts;
    @EJB
    private Transactions transactions;
    private final AlertDelivery delivery = new AlertDelivery();
    private Clock clock = Clock.systemUTC();

    public EventAlertService() {
        // the container injects the fields
    }

    /** With its ports given, as the unit tests build it. */
    EventAlertService(AlertStore alerts, Transactions transactions, Clock clock) {
        this.alerts = alerts;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    @Asynchronous
    public void raise(EventAlert alert) {
        try {
            Long raised = raiseNow(alert);
            if (raised != null) {
                delivery.deliver(alerts, transactions, "RAISED", raised, clock.instant());
            }
        } catch (RuntimeException e) {
            LOG.warn("{} alert '{}' for {} {} not stored: {}", alert.origin(), alert.title(), alert.dimension(),
                    alert.subject(), e.toString());
        }
    }

    /** Stores the alert; the id of a newly raised one (to be sent), null when an open one was updated. */
    Long raiseNow(EventAlert alert) {
        Instant now = clock.instant();
        String key = AlertEvaluator.key(alert.title(), alert.origin(), alert.dimension(), alert.subject());
        return transactions.committed(() -> {
            try {
                AlertStore.Open open = alerts.open().get(key);
                if (open != null) {
                    alerts.update(open.alert().id(), alert.severity(), alert.details(), null, now);
                    return null;
                }
                long id = alerts.raise(key, alert.title(), alert.origin(), alert.severity(), alert.origin(),
                        alert.dimension(), alert.subject(), alert.details(), null, alert.escalateAfterSeconds(), now);
                LOG.info("alert #{} raised: {} for {} {} ({})", id, alert.title(), alert.dimension(), alert.subject(),
                        alert.details());
                return id;
            } catch (SQLException e) {
                throw new EJBException("alert not stored: " + e.getMessage(), e);
            }
        });
    }
}
