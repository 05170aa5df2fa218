package io.trunkline.ejb.metrics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.metrics.api.Metrics.Figures;
import io.trunkline.ejb.metrics.api.Metrics.Report;
import io.trunkline.ejb.metrics.domain.InMemoryMetricStore;
import io.trunkline.ejb.metrics.domain.MetricStore;
import io.trunkline.ejb.metrics.domain.MetricStore.Row;
import io.trunkline.ejb.metrics.domain.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics read side over an in-memory store: windows, their totals, the refusals, the Prometheus text. */
class MetricsServiceTest {

    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    private final InMemoryMetricStore store = new InMemoryMetricStore();
    private final MetricsService service = new MetricsService(store);

    @Test
    void aPeriodsWindowsAreListedAndSummedPerSubjectAndOrigin() throws Exception {
        store.replace(5, T, List.of(row(T, "edge", "carrier-a", 10, 5), row(T, "edge", "carrier-b", 4, 4)));
        store.replace(5, T.plusSeconds(300), List.of(row(T.plusSeconds(300), "edge", "carrier-a", 10, 9)));
        store.markDirty(List.of(T.plusSeconds(600)), T);

        Report r = service.report(T, T.plus(Duration.ofHours(1)), 5, "carrier", null, null);

        assertThat(r.windows()).hasSize(3);
        assertThat(r.totals()).filteredOn(f -> f.subject().equals("carrier-a")).singleElement().satisfies(f -> {
            assertThat(f.attempts()).isEqualTo(20);
            assertThat(f.answered()).isEqualTo(14);
            assertThat(f.asr()).isEqualTo(0.7);
            assertThat(f.minutes()).isEqualTo(60);
        });
        assertThat(r.pendingWindows()).isEqualTo(1);
    }

    @Test
    void onlyTheSubjectAndOriginAskedForAreAnswered() throws Exception {
        store.replace(5, T, List.of(row(T, "edge", "carrier-a", 10, 5), row(T, "cdr", "carrier-a", 8, 8),
                row(T, "edge", "carrier-b", 4, 4)));

        Report r = service.report(T, T.plusSeconds(300), 5, "carrier", "carrier-a", "cdr");

        assertThat(r.windows()).extracting(Figures::origin, Figures::subject, Figures::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cdr", "carrier-a", 8));
    }

    @Test
    void badQueriesAreRefusedNamingTheirField() {
        Instant to = T.plusSeconds(3600);
        assertThatThrownBy(() -> service.report(T, to, 15, null, null, null)).hasMessageStartingWith("window:");
        assertThatThrownBy(() -> service.report(T, to, 5, "country", null, null)).hasMessageStartingWith("dimension:");
        assertThatThrownBy(() -> service.report(T, to, 5, null, null, "sbc")).hasMessageStartingWith("origin:");
        assertThatThrownBy(() -> service.report(to, T, 5, null, null, null)).hasMessage("to: must be after from");
        assertThatThrownBy(() -> service.report(T, T.plus(Duration.ofDays(94)), 60, null, null, null))
                .hasMessage("to: at most 93 days after from");
    }

    @Test
    void prometheusGivesTheLastCompleteWindowWithItsLabelsEscaped() throws Exception {
        Instant last = MetricStore.windowOf(Instant.now()).minusMillis(MetricStore.WINDOW_MS);
        store.replace(5, last, List.of(row(last, "edge", "trunk \"a\"\\1", 10, 5)));

        String text = service.prometheus();

        assertThat(text).contains("# TYPE trunkline_attempts gauge\n")
                .contains("trunkline_attempts{origin=\"edge\",dimension=\"carrier\",subject=\"trunk \\\"a\\\"\\\\1\"} 10.0000\n")
                .contains("trunkline_asr_ratio{origin=\"edge\",dimension=\"carrier\",subject=\"trunk \\\"a\\\"\\\\1\"} 0.500000\n");
    }

    @Test
    void aCarriersStirShakenTalliesAreSummedAndExposedWithTheFailedShare() throws Exception {
        Instant last = MetricStore.windowOf(Instant.now()).minusMillis(MetricStore.WINDOW_MS);
        Instant before = last.minusMillis(MetricStore.WINDOW_MS);
        Row a = row(before, "edge", "carrier-b", 0, 0);
        a.stats().identities.put("in:PASSED", 6);
        a.stats().identities.put("out:A", 3);
        Row b = row(last, "edge", "carrier-b", 0, 0);
        b.stats().identities.put("in:PASSED", 2);
        b.stats().identities.put("in:FAILED:INVALID", 2);
        b.stats().identities.put("in:MISSING", 5);
        b.stats().identities.put("out:none", 1);
        store.replace(5, before, List.of(a));
        store.replace(5, last, List.of(b));

        Report r = service.report(before, last.plusMillis(MetricStore.WINDOW_MS), 5, "carrier", "carrier-b", null);
        assertThat(r.totals()).singleElement().satisfies(f -> {
            assertThat(f.identities()).containsEntry("in:PASSED", 8).containsEntry("in:FAILED:INVALID", 2)
                    .containsEntry("in:MISSING", 5).containsEntry("out:A", 3).containsEntry("out:none", 1);
            assertThat(f.identityFailedShare()).as("2 failed of 10 verified; missing ones are not verified").isEqualTo(0.2);
        });

        String text = service.prometheus();
        assertThat(text).contains("trunkline_identity_inbound_calls{origin=\"edge\",carrier=\"carrier-b\","
                        + "outcome=\"FAILED\",reason=\"INVALID\"} 2\n")
                .contains("trunkline_identity_inbound_calls{origin=\"edge\",carrier=\"carrier-b\",outcome=\"MISSING\","
                        + "reason=\"\"} 5\n")
                .contains("trunkline_identity_outbound_calls{origin=\"edge\",carrier=\"carrier-b\",attestation=\"none\"} 1\n")
                .contains("trunkline_identity_failed_ratio{origin=\"edge\",dimension=\"carrier\",subject=\"carrier-b\"} 0.500000\n");
    }

    private static Row row(Instant start, String origin, String subject, int attempts, int answered) {
        WindowStats s = new WindowStats();
        s.attempts = attempts;
        s.answered = answered;
        return new Row(5, start, origin, "carrier", subject, s);
    }
}
