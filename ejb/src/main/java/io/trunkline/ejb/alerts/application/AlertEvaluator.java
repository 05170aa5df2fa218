package io.trunkline.ejb.alerts.application;

import io.trunkline.ejb.alerts.api.Alerts;
import io.trunkline.ejb.alerts.api.CarrierIncidents;
import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.alerts.domain.AlertStore;
import io.trunkline.ejb.alerts.domain.TrunkStates;
import io.trunkline.ejb.metrics.domain.MetricStore;
import io.trunkline.ejb.metrics.domain.WindowStats;
import io.trunkline.ejb.platform.infrastructure.Periods;
import io.trunkline.ejb.platform.infrastructure.Transactions;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.Carrier;
import io.trunkline.ejb.ruleset.application.RuleBaseHolder;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.alerts.AlertSubject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.Timeout;
import javax.ejb.TimerConfig;
import javax.ejb.TimerService;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every 10 seconds ({@code trunkline.alerts.interval-seconds}): builds each subject's view (its latest complete
 * 5-minute window with calls in the last two hours, per origin; a carrier's trunk state from the edge's OPTIONS
 * probing; a carrier silent for the last hour inside its busy hours although it carried calls in the week before),
 * runs the analysts' thresholds over them, and reconciles with the open alerts: a new condition raises an alert, one
 * still holding updates it, one that no longer holds on newer figures resolves it; an alert nobody acknowledged
 * within its row's delay escalates. Every raise, escalation and resolution is sent (e-mail, webhook) after it has
 * been committed.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "RoutingDataHolder", "RuleBaseHolder"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);
    /** A window-based alert closes only on a newer window with at least this many calls. */
    static final int MIN_CALLS_TO_RESOLVE = 10;
    private static final Duration LOOK_BACK = Duration.ofHours(2);
    private static final java.util.Set<String> EVENT_ORIGINS = java.util.Set.of(EventAlerts.FRAUD, EventAlerts.SECURITY,
            EventAlerts.STIR, EventAlerts.WORKFLOW);
    private static final Pattern DELAY = Pattern.compile("(\\d+)\\s*([smhd])");

    @EJB
    private Transactions transactions;
    @EJB
    private RoutingDataHolder routing;
    @EJB
    private RuleBaseHolder ruleBase;
    @EJB
    private CarrierIncidents incidents;

    @Inject
    private AlertStore alerts;
    @Inject
    private MetricStore metrics;
    @Inject
    private TrunkStates trunkStates;
    /** New sessions of the active alerts rulebook. */
    private Supplier<KieSession> thresholds;
    private final AlertDelivery delivery = new AlertDelivery();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant evaluatedAt;

    public AlertEvaluator() {
        // the container injects the fields
    }

    /** With its ports and collaborators given, as the unit tests build it. */
    AlertEvaluator(AlertStore alerts, MetricStore metrics, TrunkStates trunkStates, CarrierIncidents incidents,
                   RoutingDataHolder routing, Supplier<KieSession> thresholds, Transactions transactions) {
        this.alerts = alerts;
        this.metrics = metrics;
        this.trunkStates = trunkStates;
        this.incidents = incidents;
        this.routing = routing;
        this.thresholds = thresholds;
        this.transactions = transactions;
    }

    @Resource
    private TimerService timers;

    /** Judges the rulebook every {@code trunkline.alerts.interval-seconds} (10). */
    @PostConstruct
    void init() {
        thresholds = () -> ruleBase.current(Rulebook.ALERTS).newSession();
        long period = Periods.millis("trunkline.alerts.interval-seconds", 10);
        timers.createIntervalTimer(period, period, new TimerConfig("alert evaluation", false));
    }

    @Timeout
    void tick() {
        try {
            evaluate(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("alerts not evaluated: {}", e.getMessage(), e);
        }
    }

    public Instant evaluatedAt() {
        return evaluatedAt;
    }

    /** A subject's figures and the window they are from (null for state-only subjects). */
    private record View(AlertSubject fact, Instant window) {
    }

    private record Event(String event, long alertId) {
    }

    void evaluate(Instant now) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            Map<String, View> views = views(now);
            KieSession session = thresholds.get();
            try {
                for (View v : views.values()) {
                    session.insert(v.fact());
                }
                session.fireAllRules();
            } finally {
                session.dispose();
            }
            List<Event> events = transactions.committed(() -> reconcile(views, now));
            for (Event e : events) {
                deliver(e, now);
            }
            evaluatedAt = now;
        } finally {
            running.set(false);
        }
    }

    /** The stored key of an alert's condition and subject (text: PostgreSQL refuses NUL in a string). */
    static String key(String title, String origin, String dimension, String subject) {
        return title + " | " + origin + " | " + dimension + " | " + subject;
    }

    private List<Event> reconcile(Map<String, View> views, Instant now) {
        try {
            List<Event> events = new ArrayList<>();
            Map<String, AlertStore.Open> open = alerts.open();
            Map<String, Boolean> holding = new HashMap<>();
            for (View v : views.values()) {
                AlertSubject s = v.fact();
                for (AlertSubject.Raised r : s.getRaised()) {
                    String key = key(r.title(), s.getOrigin(), s.getDimension(), s.getSubject());
                    holding.put(key, true);
                    AlertStore.Open existing = open.get(key);
                    String details = details(s, v.window());
                    if (existing == null) {
                        long id = alerts.raise(key, r.title(), r.rule(), r.severity(), s.getOrigin(), s.getDimension(),
                                s.getSubject(), details, v.window(), seconds(r.escalateAfter()), now);
                        events.add(new Event("RAISED", id));
                        LOG.info("alert #{} raised: {} for {} {} ({})", id, r.title(), s.getDimension(), s.getSubject(), details);
                    } else {
                        alerts.update(existing.alert().id(), r.severity(), details, v.window(), now);
                    }
                }
            }
            for (AlertStore.Open o : open.values()) {
                // An event alert (a fraud block, a banned source) holds until someone acknowledges it.
                if (holding.containsKey(o.key()) || EVENT_ORIGINS.contains(o.alert().origin())) {
                    if (o.alert().state().equals("OPEN") && o.alert().escalation() == 0 && o.escalateAfterSeconds() != null
                            && !now.isBefore(o.alert().raisedAt().plusSeconds(o.escalateAfterSeconds()))) {
                        if (alerts.escalate(o.alert().id(), now)) {
                            events.add(new Event("ESCALATED", o.alert().id()));
                            LOG.info("alert #{} escalated: not acknowledged for {} s", o.alert().id(),
                                    o.escalateAfterSeconds());
                        }
                    }
                    continue;
                }
                View v = views.get(o.alert().origin() + '\u0000' + o.alert().dimension() + '\u0000' + o.alert().subject());
                boolean judgedAgain = o.windowStart() == null || v == null
                        || v.window() != null && v.window().isAfter(o.windowStart())
                        && v.fact().getAttempts() >= MIN_CALLS_TO_RESOLVE;
                if (judgedAgain) {
                    alerts.resolve(o.alert().id(), now);
                    events.add(new Event("RESOLVED", o.alert().id()));
                    LOG.info("alert #{} resolved: {} for {} {}", o.alert().id(), o.alert().title(), o.alert().dimension(),
                            o.alert().subject());
                }
            }
            return events;
        } catch (SQLException e) {
            throw new EJBException("alerts not reconciled: " + e.getMessage(), e);
        }
    }

    private void deliver(Event e, Instant now) {
        delivery.deliver(alerts, transactions, e.event(), e.alertId(), now);
    }

    /** Every subject with a complete window with calls in the last two hours, and every carrier's state. */
    private Map<String, View> views(Instant now) {
        try {
            Instant completeEnd = MetricStore.windowOf(now);
            Map<String, MetricStore.Row> latest = new LinkedHashMap<>();
            for (MetricStore.Row r : metrics.rows(5, completeEnd.minus(LOOK_BACK), completeEnd, null, null, null)) {
                if (r.stats().attempts > 0 || !r.stats().identities.isEmpty()) {
                    latest.put(r.origin() + '\u0000' + r.dimension() + '\u0000' + r.subject(), r);
                }
            }
            Map<String, View> views = new LinkedHashMap<>();
            for (Map.Entry<String, MetricStore.Row> e : latest.entrySet()) {
                MetricStore.Row r = e.getValue();
                WindowStats s = r.stats();
                views.put(e.getKey(), new View(new AlertSubject(r.origin(), r.dimension(), r.subject(), s.attempts,
                        percent(s.asr()), percent(s.ner()), s.pddQuantile(0.95), s.mos(), false, false, null,
                        s.identitiesVerified(), percent(s.identityFailedShare())), r.start()));
            }
            // Trunk states reported in the last 30 days: the edge reports changes, and the table only grows.
            Map<String, Boolean> trunks = trunkStates.since(now.minus(Duration.ofDays(30)));
            Map<String, List<String>> incidents = new HashMap<>();
            for (CarrierIncidents.CarrierIncident i : this.incidents.list(null, true)) {
                incidents.computeIfAbsent(i.carrier(), k -> new ArrayList<>()).add(i.title());
            }
            java.util.Set<String> carriers = new java.util.TreeSet<>(incidents.keySet());
            for (Carrier c : routing.current().allCarriers()) {
                carriers.add(c.id().value());
            }
            for (String id : carriers) {
                Carrier c = routing.current().carrier(id).orElse(null);
                boolean down = Boolean.FALSE.equals(trunks.get(id));
                boolean silent = c != null && c.peakAt(now)
                        && carried(id, now.minus(Duration.ofDays(7)), now.minus(Duration.ofHours(1)))
                        && !carried(id, now.minus(Duration.ofHours(1)), now.plusSeconds(1));
                String incident = incidents.containsKey(id) ? String.join("; ", incidents.get(id)) : null;
                views.put("state\u0000carrier\u0000" + id, new View(new AlertSubject("state", "carrier", id, 0, null, null,
                        null, null, down, silent, incident), null));
            }
            return views;
        } catch (SQLException e) {
            throw new EJBException("alert subjects not read: " + e.getMessage(), e);
        }
    }

    private boolean carried(String carrier, Instant from, Instant to) throws SQLException {
        for (MetricStore.Row r : metrics.rows(5, MetricStore.windowOf(from), to, "carrier", carrier, null)) {
            if (r.stats().attempts > 0) {
                return true;
            }
        }
        return false;
    }

    private static Double percent(Double ratio) {
        return ratio == null ? null : ratio * 100;
    }

    static String details(AlertSubject s, Instant window) {
        if (window == null) {
            List<String> parts = new ArrayList<>();
            if (s.isTrunkDown()) {
                parts.add("trunk down by OPTIONS");
            }
            if (s.isSilentInBusyHours()) {
                parts.add("no call in the last hour, inside its busy hours");
            }
            if (s.hasIncident()) {
                parts.add("incident: " + s.getIncident());
            }
            return String.join("; ", parts);
        }
        return String.format(Locale.ROOT, "ASR %s, call success %s, PDD p95 %s, MOS %s; %d calls in the window %s to %s",
                s.getAsrPercent() == null ? "-" : String.format(Locale.ROOT, "%.1f %%", s.getAsrPercent()),
                s.getSuccessPercent() == null ? "-" : String.format(Locale.ROOT, "%.1f %%", s.getSuccessPercent()),
                s.getPddP95Ms() == null ? "-" : s.getPddP95Ms() + " ms",
                s.getMos() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.getMos()),
                s.getAttempts(), window, window.plusMillis(MetricStore.WINDOW_MS));
    }

    /** "15m", "1h", "30s", "2d" in seconds; blank or unreadable: never. */
    static Integer seconds(String delay) {
        if (delay == null) {
            return null;
        }
        Matcher m = DELAY.matcher(delay.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        return switch (m.group(2)) {
            case "s" -> n;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n * 86400;
        };
    }
}
