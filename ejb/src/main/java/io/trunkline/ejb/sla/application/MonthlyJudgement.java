package io.trunkline.ejb.sla.application;

import io.trunkline.ejb.sla.api.Sla;
import javax.ejb.EJB;
import javax.ejb.Schedule;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the 1st of each month, judges the previous month of every carrier with SLA terms. It runs at 12:00 UTC, when
 * the month is over in every zone from UTC-12 to UTC+14, and each carrier in a transaction of its own, so one
 * carrier's failure leaves the others judged. A month already claimed is answered as such and not claimed again.
 */
@Singleton
public class MonthlyJudgement {

    private static final Logger LOG = LoggerFactory.getLogger(MonthlyJudgement.class);

    @EJB
    private Sla sla;

    @Schedule(dayOfMonth = "1", hour = "12", minute = "0", second = "0", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void judgePreviousMonth() {
        for (Sla.Terms terms : sla.terms()) {
            try {
                sla.judgePreviousMonth(terms.carrier());
            } catch (RuntimeException e) {
                LOG.error("SLA month of {} not judged: {}", terms.carrier(), e.getMessage(), e);
            }
        }
    }
}
