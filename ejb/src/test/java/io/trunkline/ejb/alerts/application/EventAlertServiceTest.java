package io.trunkline.ejb.alerts.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.alerts.api.Alerts.Alert;
import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.alerts.domain.InMemoryAlertStore;
import io.trunkline.ejb.platform.infrastructure.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Event alerts: one open alert per title and subject however many times it is raised, its occurrences counted, a
 * new one for another subject; and the threshold evaluator, which resolves alerts whose figures no longer hold,
 * leaves them open.
 */
class EventAlertServiceTest {

    private static final Instant T = Instant.parse("2026-12-01T15:00:00Z");

    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final EventAlertService alerts = new EventAlertService(store, new Transactions(), Clock.fixed(T, ZoneOffset.UTC));

    private static EventAlerts.EventAlert blocked(String subject) {
        return new EventAlerts.EventAlert(EventAlerts.FRAUD, "extension", subject, "Fraud: calls per minute (FraudPolicy_13)",
                "CRITICAL", "= 5 reached critical 5 -> BLOCK", 900);
    }

    @Test
    void aRepeatUpdatesTheOpenAlertInsteadOfRaisingAnother() {
        assertThat(alerts.raiseNow(blocked("ext:hq-cucm/2001"))).as("raised: to be sent").isNotNull();
        assertThat(alerts.raiseNow(blocked("ext:hq-cucm/2001"))).as("updated: nothing to send").isNull();
        assertThat(alerts.raiseNow(blocked("ext:hq-cucm/2001"))).isNull();
        assertThat(alerts.raiseNow(blocked("ext:hq-cucm/2002"))).as("another subject").isNotNull();

        assertThat(store.list("open", 10)).hasSize(2);
        Alert first = store.list("open", 10).stream().filter(a -> a.subject().equals("ext:hq-cucm/2001")).findFirst()
                .orElseThrow();
        assertThat(first.occurrences()).isEqualTo(3);
        assertThat(first.origin()).isEqualTo("fraud");
        assertThat(first.dimension()).isEqualTo("extension");
    }
}
