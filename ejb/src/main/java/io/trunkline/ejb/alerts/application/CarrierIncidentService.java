package io.trunkline.ejb.alerts.application;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.camel.feeds.StatusFeed;
import io.trunkline.camel.feeds.StatusFeedPort;
import io.trunkline.camel.feeds.StatusFeedSource;
import io.trunkline.ejb.alerts.api.CarrierIncidents;
import io.trunkline.ejb.alerts.domain.IncidentStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.ejb.EJBException;
import javax.ejb.Local;
import javax.ejb.Stateless;
import javax.inject.Inject;

/** Takes each status-feed poll (one transaction) and lists the incidents; open ones feed the alert thresholds. */
@Stateless
@Local({StatusFeedPort.class, CarrierIncidents.class})
public class CarrierIncidentService implements StatusFeedPort, CarrierIncidents {

    @Inject
    private IncidentStore store;

    public CarrierIncidentService() {
        // the container injects the fields
    }

    /** With its ports given, as the unit tests build it. */
    CarrierIncidentService(IncidentStore store) {
        this.store = store;
    }

    @Override
    public void polled(StatusFeedSource source, StatusFeed feed) {
        Instant now = Instant.now();
        try {
            store.replace(source.carrier(), feed.incidents(), now);
            store.polled(source.carrier(), source.url().toString(), "read " + feed.format() + ": "
                    + feed.incidents().size() + " incident(s)" + (feed.skipped().isEmpty() ? ""
                    : "; skipped " + String.join("; ", feed.skipped())), now);
        } catch (SQLException e) {
            throw new EJBException("status feed of " + source.carrier() + " not stored: " + e.getMessage(), e);
        }
    }

    @Override
    public void failed(StatusFeedSource source, String reason) {
        try {
            store.polled(source.carrier(), source.url().toString(), "failed: " + reason, Instant.now());
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    @Override
    public List<CarrierIncident> list(CarrierId carrier, boolean openOnly) {
        try {
            return store.list(carrier == null ? null : carrier.value(), openOnly);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
