package io.trunkline.ejb.alerts.domain;

import io.trunkline.camel.feeds.Incident;
import io.trunkline.ejb.alerts.api.CarrierIncidents.CarrierIncident;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Carriers' incidents as their status feeds last listed them, and each poll's outcome. */
public interface IncidentStore {

    /** Makes {@code incidents} the carrier's current ones (those no longer listed are closed). */
    void replace(String carrier, List<Incident> incidents, Instant now) throws SQLException;

    void polled(String carrier, String url, String outcome, Instant now) throws SQLException;

    List<CarrierIncident> list(String carrier, boolean openOnly) throws SQLException;
}
