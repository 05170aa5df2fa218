package io.trunkline.ejb.alerts.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.alerts.api.Alerts.Alert;
import io.trunkline.ejb.alerts.domain.InMemoryAlertStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Listing and acknowledging alerts over an in-memory store. */
class AlertServiceTest {

    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final AlertService service = new AlertService(store, new AlertEvaluator());

    @Test
    void anOpenAlertIsAcknowledgedByTheUserAndNoLongerEscalates() throws Exception {
        long id = raise("ASR low", "carrier-a");

        Alert a = service.acknowledge(id, "ops1");

        assertThat(a.state()).isEqualTo("ACKNOWLEDGED");
        assertThat(a.acknowledgedBy()).isEqualTo("ops1");
        assertThat(store.escalate(id, T.plusSeconds(3600))).as("escalation of an acknowledged alert").isFalse();
    }

    @Test
    void acknowledgingTwiceKeepsTheFirstAcknowledgement() throws Exception {
        long id = raise("ASR low", "carrier-a");
        service.acknowledge(id, "ops1");

        Alert again = service.acknowledge(id, "ops2");

        assertThat(again.state()).isEqualTo("ACKNOWLEDGED");
        assertThat(again.acknowledgedBy()).isEqualTo("ops1");
    }

    @Test
    void aResolvedAlertCannotBeAcknowledged() throws Exception {
        long id = raise("ASR low", "carrier-a");
        store.resolve(id, T.plusSeconds(60));

        assertThatThrownBy(() -> service.acknowledge(id, "ops1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id: alert " + id + " is resolved, not open");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo("RESOLVED");
    }

    @Test
    void anUnknownAlertIsAnInputErrorNamingTheId() {
        assertThatThrownBy(() -> service.acknowledge(99, "ops1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id: no alert 99");
    }

    @Test
    void theListIsFilteredByStateNewestFirstAndRefusesAnUnknownState() throws Exception {
        long first = raise("ASR low", "carrier-a");
        long second = raise("PDD high", "carrier-b");
        long third = raise("trunk down", "carrier-c");
        store.resolve(second, T.plusSeconds(60));
        service.acknowledge(third, "ops1");

        assertThat(service.list("open", 10)).extracting(Alert::id).containsExactly(third, first);
        assertThat(service.list("resolved", 10)).extracting(Alert::id).containsExactly(second);
        assertThat(service.list(null, 0)).as("at least one").extracting(Alert::id).containsExactly(third);
        assertThatThrownBy(() -> service.list("closed", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state: expected open or resolved, got 'closed'");
    }

    @Test
    void noEvaluationIsReportedBeforeTheFirst() {
        assertThat(service.evaluatedAt()).isNull();
    }

    private long raise(String title, String carrier) throws Exception {
        return store.raise(title + " | edge | carrier | " + carrier, title, "row 1", "MAJOR", "edge", "carrier", carrier,
                "ASR 20 %", T, 900, T);
    }
}
