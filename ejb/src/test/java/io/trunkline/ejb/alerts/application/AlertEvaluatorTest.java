package io.trunkline.ejb.alerts.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.camel.feeds.Incident;
import io.trunkline.camel.feeds.StatusFeed;
import io.trunkline.camel.feeds.StatusFeedSource;
import io.trunkline.ejb.alerts.api.Alerts.Alert;
import io.trunkline.ejb.alerts.domain.InMemoryAlertStore;
import io.trunkline.ejb.alerts.domain.InMemoryIncidentStore;
import io.trunkline.ejb.alerts.domain.InMemoryTrunkStates;
import io.trunkline.ejb.metrics.domain.InMemoryMetricStore;
import io.trunkline.ejb.metrics.domain.MetricStore.Row;
import io.trunkline.ejb.metrics.domain.WindowStats;
import io.trunkline.ejb.platform.infrastructure.Transactions;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.FixedRoutingRepository;
import io.trunkline.ejb.routing.domain.RoutingFixtures;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert thresholds judged over in-memory metrics, trunk states and incidents: which alerts are
 * raised, kept, resolved and escalated, as the alert store ends up holding them.
 */
class AlertEvaluatorTest {

    /** A Sunday: outside every carrier's weekday peak window, so no carrier is judged silent in busy hours. */
    private static final Instant W = Instant.parse("2026-03-01T10:00:00Z");
    private static RulebookRegistry rules;

    private final InMemoryAlertStore alerts = new InMemoryAlertStore();
    private final InMemoryMetricStore metrics = new InMemoryMetricStore();
    private final Map<String, Boolean> trunks = new HashMap<>();
    private final CarrierIncidentService incidents = new CarrierIncidentService(new InMemoryIncidentStore());
    private final AlertEvaluator evaluator = new AlertEvaluator(alerts, metrics, new InMemoryTrunkStates(trunks), incidents,
            new RoutingDataHolder(new FixedRoutingRepository(RoutingFixtures.enterprise().build())),
            () -> rules.active(Rulebook.ALERTS).newSession(), new Transactions());

    @BeforeAll
    static void compileShippedRulebooks() {
        ClassLoader cl = Rulebook.class.getClassLoader();
        rules = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
    }

    @Test
    void aWindowBelowTheThresholdRaisesOneAlertWhichLaterEvaluationsUpdate() throws Exception {
        window(W, "carrier-a", 40, 8);

        evaluator.evaluate(at(7));
        evaluator.evaluate(at(8));

        assertThat(alerts.list("open", 10)).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("ASR below 35 %");
            assertThat(a.severity()).isEqualTo("CRITICAL");
            assertThat(a.dimension()).isEqualTo("carrier");
            assertThat(a.subject()).isEqualTo("carrier-a");
            assertThat(a.details()).startsWith("ASR 20.0 %, call success 100.0 %").contains("40 calls");
            assertThat(a.occurrences()).isEqualTo(2);
        });
        assertThat(evaluator.evaluatedAt()).isEqualTo(at(8));
    }

    @Test
    void anAlertResolvesOnlyOnANewerWindowWithEnoughCalls() throws Exception {
        lowAsrJudgedAtMinute7();

        window(at(5), "carrier-a", 5, 5);
        evaluator.evaluate(at(12));
        assertThat(alerts.list("open", 10)).as("five calls judge nothing").hasSize(1);

        window(at(10), "carrier-a", 50, 30);
        evaluator.evaluate(at(17));
        assertThat(alerts.list("open", 10)).isEmpty();
        assertThat(alerts.list("resolved", 10)).singleElement()
                .satisfies(a -> assertThat(a.resolvedAt()).isEqualTo(at(17)));
    }

    @Test
    void anAlertNobodyAcknowledgesEscalatesOnceAfterItsRowsDelay() throws Exception {
        lowAsrJudgedAtMinute7();

        evaluator.evaluate(at(21));
        assertThat(alerts.list("open", 10)).singleElement().extracting(Alert::escalation).isEqualTo(0);

        evaluator.evaluate(at(23));
        evaluator.evaluate(at(30));
        assertThat(alerts.list("open", 10)).singleElement().satisfies(a -> {
            assertThat(a.escalation()).isEqualTo(1);
            assertThat(a.escalatedAt()).isEqualTo(at(23));
        });
    }

    @Test
    void anEventAlertIsLeftOpenByTheThresholdsJudgement() throws Exception {
        new EventAlertService(alerts, new Transactions(), java.time.Clock.fixed(at(7), java.time.ZoneOffset.UTC))
                .raiseNow(new io.trunkline.ejb.alerts.api.EventAlerts.EventAlert(
                        io.trunkline.ejb.alerts.api.EventAlerts.FRAUD, "pbx", "pbx:hq-cucm", "Fraud: spend per hour",
                        "CRITICAL", "spend 520 reached critical 500", null));

        evaluator.evaluate(at(12));
        evaluator.evaluate(at(30));

        assertThat(alerts.list("open", 10)).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("pbx:hq-cucm");
            assertThat(a.state()).isEqualTo("OPEN");
        });
    }

    @Test
    void anAcknowledgedAlertDoesNotEscalate() throws Exception {
        lowAsrJudgedAtMinute7();
        long id = alerts.list("open", 1).get(0).id();
        new AlertService(alerts, evaluator).acknowledge(id, "ops1");

        evaluator.evaluate(at(30));

        assertThat(alerts.find(id).orElseThrow().escalation()).isZero();
    }

    @Test
    void aTrunkReportedDownRaisesTrunkDownUntilItIsReportedUp() throws Exception {
        trunks.put("carrier-b", false);
        evaluator.evaluate(W);
        assertThat(alerts.list("open", 10)).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("Trunk down");
            assertThat(a.origin()).isEqualTo("state");
            assertThat(a.subject()).isEqualTo("carrier-b");
            assertThat(a.details()).isEqualTo("trunk down by OPTIONS");
        });

        trunks.put("carrier-b", true);
        evaluator.evaluate(W.plusSeconds(10));
        assertThat(alerts.list("open", 10)).isEmpty();
    }

    @Test
    void aCarriersOpenIncidentRaisesAnAlertNamingIt() {
        incidents.polled(new StatusFeedSource("carrier-c", URI.create("https://status.carrier-c.example/feed"),
                Duration.ofMinutes(1)), new StatusFeed("statuspage", List.of(new Incident("i1", "Degraded calls to UK",
                true, "investigating", W, null, null)), List.of()));

        evaluator.evaluate(W);

        assertThat(alerts.list("open", 10)).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("Carrier reports an incident");
            assertThat(a.subject()).isEqualTo("carrier-c");
            assertThat(a.details()).isEqualTo("incident: Degraded calls to UK");
        });
    }

    @Test
    void aHealthyWindowRaisesNothing() throws Exception {
        window(W, "carrier-a", 100, 60);

        evaluator.evaluate(at(7));

        assertThat(alerts.list(null, 10)).isEmpty();
    }

    /** A window of carrier-a at W with ASR 20 %, judged when it is complete. */
    private void lowAsrJudgedAtMinute7() throws Exception {
        window(W, "carrier-a", 40, 8);
        evaluator.evaluate(at(7));
    }

    private static Instant at(int minutesAfterW) {
        return W.plus(Duration.ofMinutes(minutesAfterW));
    }

    private void window(Instant start, String carrier, int attempts, int answered) throws Exception {
        WindowStats s = new WindowStats();
        s.attempts = attempts;
        s.answered = answered;
        s.networkEffective = attempts;
        metrics.replace(5, start, List.of(new Row(5, start, "edge", "carrier", carrier, s)));
    }
}
