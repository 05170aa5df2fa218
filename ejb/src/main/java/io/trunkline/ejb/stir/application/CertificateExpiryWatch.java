package io.trunkline.ejb.stir.application;

import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.stir.domain.ChainStore;
import io.trunkline.ejb.stir.domain.ExpiryNotice;
import io.trunkline.ejb.stir.domain.PublishedChain;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.ejb.EJB;
import javax.ejb.Schedule;
import javax.ejb.Singleton;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alert for each published signing certificate within 30 days of its end (WARNING) or past it (CRITICAL):
 * hourly, and when a chain is published. One alert stays open per certificate and title; it is sent like the other
 * alerts and closed by acknowledging it once the renewed chain is published.
 */
@Singleton
public class CertificateExpiryWatch {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiryWatch.class);

    @Inject
    private ChainStore store;
    @EJB
    private EventAlerts alerts;

    @Schedule(minute = "7", hour = "*", persistent = false)
    void hourly() {
        try {
            for (PublishedChain chain : store.all()) {
                check(chain, Instant.now());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("signing certificates not checked for expiry: {}", e.getMessage(), e);
        }
    }

    /** Raises the chain's notice, if it has one at {@code now}; returns it. */
    public Optional<ExpiryNotice> check(PublishedChain chain, Instant now) {
        Optional<ExpiryNotice> notice = ExpiryNotice.of(chain, now);
        notice.ifPresent(n -> alerts.raise(new EventAlerts.EventAlert(EventAlerts.STIR, "certificate", chain.name(),
                n.title(), n.severity(), n.details(), null)));
        return notice;
    }
}
