package io.trunkline.ejb.alerts.domain;

import io.trunkline.ejb.alerts.api.Alerts.Alert;
import io.trunkline.ejb.alerts.api.Alerts.Delivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alerts and their deliveries in memory, with the state changes the table's conditional updates allow. */
public final class InMemoryAlertStore implements AlertStore {

    private final Map<Long, Open> alerts = new LinkedHashMap<>();
    private final Map<Long, List<Delivery>> deliveries = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public Map<String, Open> open() {
        Map<String, Open> out = new LinkedHashMap<>();
        alerts.values().stream().filter(o -> !o.alert().state().equals("RESOLVED")).forEach(o -> out.put(o.key(), o));
        return out;
    }

    @Override
    public long raise(String key, String title, String rule, String severity, String origin, String dimension,
                      String subject, String details, Instant window, Integer escalateAfterSeconds, Instant now) {
        long id = nextId++;
        alerts.put(id, new Open(new Alert(id, title, severity, origin, dimension, subject, "OPEN", details, now, now, null,
                null, null, 0, null, 1, List.of()), key, window, escalateAfterSeconds));
        return id;
    }

    @Override
    public void update(long id, String severity, String details, Instant window, Instant now) {
        change(id, window, a -> new Alert(a.id(), a.title(), severity, a.origin(), a.dimension(), a.subject(), a.state(),
                details, a.raisedAt(), now, a.acknowledgedAt(), a.acknowledgedBy(), a.resolvedAt(), a.escalation(),
                a.escalatedAt(), a.occurrences() + 1, a.deliveries()));
    }

    @Override
    public void resolve(long id, Instant now) {
        Open o = alerts.get(id);
        change(id, o.windowStart(), a -> new Alert(a.id(), a.title(), a.severity(), a.origin(), a.dimension(), a.subject(),
                "RESOLVED", a.details(), a.raisedAt(), now, a.acknowledgedAt(), a.acknowledgedBy(), now, a.escalation(),
                a.escalatedAt(), a.occurrences(), a.deliveries()));
    }

    @Override
    public boolean escalate(long id, Instant now) {
        Open o = alerts.get(id);
        if (o == null || !o.alert().state().equals("OPEN") || o.alert().escalation() != 0) {
            return false;
        }
        change(id, o.windowStart(), a -> new Alert(a.id(), a.title(), a.severity(), a.origin(), a.dimension(), a.subject(),
                a.state(), a.details(), a.raisedAt(), now, a.acknowledgedAt(), a.acknowledgedBy(), a.resolvedAt(),
                a.escalation() + 1, now, a.occurrences(), a.deliveries()));
        return true;
    }

    @Override
    public boolean acknowledge(long id, String user, Instant now) {
        Open o = alerts.get(id);
        if (o == null || !o.alert().state().equals("OPEN")) {
            return false;
        }
        change(id, o.windowStart(), a -> new Alert(a.id(), a.title(), a.severity(), a.origin(), a.dimension(), a.subject(),
                "ACKNOWLEDGED", a.details(), a.raisedAt(), now, now, user, a.resolvedAt(), a.escalation(),
                a.escalatedAt(), a.occurrences(), a.deliveries()));
        return true;
    }

    @Override
    public void delivered(long alertId, String event, String channel, String target, Instant at, String outcome) {
        deliveries.computeIfAbsent(alertId, k -> new ArrayList<>()).add(new Delivery(event, channel, target, at, outcome));
    }

    @Override
    public Optional<Alert> find(long id) {
        return Optional.ofNullable(alerts.get(id)).map(o -> withDeliveries(o.alert()));
    }

    @Override
    public List<Alert> list(String state, int limit) {
        return alerts.values().stream().map(Open::alert)
                .filter(a -> state == null || (state.equals("open") != a.state().equals("RESOLVED")))
                .sorted(Comparator.comparingLong(Alert::id).reversed()).limit(limit).map(this::withDeliveries).toList();
    }

    private Alert withDeliveries(Alert a) {
        return new Alert(a.id(), a.title(), a.severity(), a.origin(), a.dimension(), a.subject(), a.state(), a.details(),
                a.raisedAt(), a.updatedAt(), a.acknowledgedAt(), a.acknowledgedBy(), a.resolvedAt(), a.escalation(),
                a.escalatedAt(), a.occurrences(), deliveries.getOrDefault(a.id(), List.of()));
    }

    private void change(long id, Instant window, java.util.function.UnaryOperator<Alert> how) {
        Open o = alerts.get(id);
        alerts.put(id, new Open(how.apply(o.alert()), o.key(), window, o.escalateAfterSeconds()));
    }
}
