package io.trunkline.ejb.alerts.domain;

import io.trunkline.camel.feeds.Incident;
import io.trunkline.ejb.alerts.api.CarrierIncidents.CarrierIncident;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Carriers' incidents and their feeds' last polls in memory. */
public final class InMemoryIncidentStore implements IncidentStore {

    private final Map<String, CarrierIncident> incidents = new LinkedHashMap<>();
    private final Map<String, String> polls = new LinkedHashMap<>();

    @Override
    public void replace(String carrier, List<Incident> list, Instant now) {
        Set<String> seen = new HashSet<>();
        for (Incident i : list) {
            if (!seen.add(i.id())) {
                continue;
            }
            Instant resolved = i.resolvedAt() != null ? i.resolvedAt() : i.open() ? null : now;
            CarrierIncident before = incidents.get(carrier + '\u0000' + i.id());
            incidents.put(carrier + '\u0000' + i.id(), new CarrierIncident(carrier, i.id(), i.title(), i.status(), i.open(),
                    i.startedAt(), resolved, i.link(), before == null ? now : before.firstSeen(), now));
        }
        for (Map.Entry<String, CarrierIncident> e : incidents.entrySet()) {
            CarrierIncident c = e.getValue();
            if (c.carrier().equals(carrier) && !seen.contains(c.id()) && c.open()) {
                e.setValue(new CarrierIncident(carrier, c.id(), c.title(), "gone", false, c.startedAt(), now, c.link(),
                        c.firstSeen(), c.lastSeen()));
            }
        }
    }

    @Override
    public void polled(String carrier, String url, String outcome, Instant now) {
        polls.put(carrier, outcome);
    }

    @Override
    public List<CarrierIncident> list(String carrier, boolean openOnly) {
        return incidents.values().stream()
                .filter(c -> carrier == null || c.carrier().equals(carrier))
                .filter(c -> !openOnly || c.open())
                .sorted(Comparator.comparing(CarrierIncident::carrier)
                        .thenComparing(CarrierIncident::firstSeen, Comparator.reverseOrder())
                        .thenComparing(CarrierIncident::id))
                .toList();
    }

    /** The outcome of the carrier's last poll. */
    public String lastPoll(String carrier) {
        return polls.get(carrier);
    }
}
