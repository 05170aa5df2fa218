package io.trunkline.ejb.alerts.application;

import io.trunkline.contract.telecom.CarrierId;
import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.camel.feeds.Incident;
import io.trunkline.camel.feeds.StatusFeed;
import io.trunkline.camel.feeds.StatusFeedSource;
import io.trunkline.ejb.alerts.api.CarrierIncidents.CarrierIncident;
import io.trunkline.ejb.alerts.domain.InMemoryIncidentStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Carriers' status feeds over an in-memory store: what each poll opens, keeps, closes and records. */
class CarrierIncidentServiceTest {

    private static final StatusFeedSource FEED_A = new StatusFeedSource("carrier-a",
            URI.create("https://status.carrier-a.example/api/v2/incidents.json"), Duration.ofMinutes(1));
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final CarrierIncidentService service = new CarrierIncidentService(store);

    @Test
    void aPollsOpenIncidentsAreListedAndTheOutcomeRecorded() {
        service.polled(FEED_A, new StatusFeed("statuspage", List.of(incident("i1", true), incident("i2", false)),
                List.of("entry 3: no id")));

        assertThat(service.list(new CarrierId("carrier-a"), true)).extracting(CarrierIncident::id).containsExactly("i1");
        assertThat(service.list(null, false)).extracting(CarrierIncident::id).containsExactlyInAnyOrder("i1", "i2");
        assertThat(store.lastPoll("carrier-a")).isEqualTo("read statuspage: 2 incident(s); skipped entry 3: no id");
    }

    @Test
    void anOpenIncidentTheFeedNoLongerListsIsClosedAsGone() {
        service.polled(FEED_A, new StatusFeed("statuspage", List.of(incident("i1", true)), List.of()));

        service.polled(FEED_A, new StatusFeed("statuspage", List.of(), List.of()));

        assertThat(service.list(new CarrierId("carrier-a"), true)).isEmpty();
        assertThat(service.list(new CarrierId("carrier-a"), false)).singleElement().satisfies(i -> {
            assertThat(i.open()).isFalse();
            assertThat(i.status()).isEqualTo("gone");
            assertThat(i.resolvedAt()).isNotNull();
        });
    }

    @Test
    void anotherCarriersPollLeavesItsIncidentsAlone() {
        service.polled(FEED_A, new StatusFeed("statuspage", List.of(incident("i1", true)), List.of()));

        service.polled(new StatusFeedSource("carrier-b", URI.create("https://status.carrier-b.example/feed.rss"),
                Duration.ofMinutes(5)), new StatusFeed("rss", List.of(), List.of()));

        assertThat(service.list(new CarrierId("carrier-a"), true)).extracting(CarrierIncident::id).containsExactly("i1");
    }

    @Test
    void aFailedPollIsRecordedWithItsReasonAndChangesNoIncident() {
        service.polled(FEED_A, new StatusFeed("statuspage", List.of(incident("i1", true)), List.of()));

        service.failed(FEED_A, "HTTP 503");

        assertThat(store.lastPoll("carrier-a")).isEqualTo("failed: HTTP 503");
        assertThat(service.list(new CarrierId("carrier-a"), true)).extracting(CarrierIncident::id).containsExactly("i1");
    }

    private static Incident incident(String id, boolean open) {
        return new Incident(id, "Degraded calls to " + id, open, open ? "investigating" : "resolved", T,
                open ? null : T.plusSeconds(600), "https://status.example/" + id);
    }
}
