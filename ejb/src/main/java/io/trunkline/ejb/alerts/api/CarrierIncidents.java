package io.trunkline.ejb.alerts.api;

import io.trunkline.contract.telecom.CarrierId;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import javax.ejb.Local;

/** What the carriers' status feeds report, for the API. */
@Local
public interface CarrierIncidents {

    record CarrierIncident(String carrier, String id, String title, String status, boolean open, Instant startedAt,
                           Instant resolvedAt, String link, Instant firstSeen, Instant lastSeen) implements Serializable {
    }

    /** @param carrier one carrier, or null for all */
    List<CarrierIncident> list(CarrierId carrier, boolean openOnly);
}
