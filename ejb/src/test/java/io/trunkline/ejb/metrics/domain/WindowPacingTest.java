package io.trunkline.ejb.metrics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowPacingTest {

    private static final Instant W = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void anOpenWindowWaitsNineteenTimesItsRecomputeAtFivePercent() {
        WindowPacing pacing = new WindowPacing(5);
        Instant now = W.plusSeconds(100);
        assertThat(pacing.due(W, now)).as("never computed").isTrue();
        pacing.computed(W, now, Duration.ofSeconds(2));
        assertThat(pacing.nextDue(W)).isEqualTo(now.plusSeconds(38));
        assertThat(pacing.due(W, now.plusSeconds(37))).isFalse();
        assertThat(pacing.due(W, now.plusSeconds(38))).isTrue();
    }

    @Test
    void aQuickRecomputeLeavesTheWindowDueOnTheNextTick() {
        WindowPacing pacing = new WindowPacing(5);
        Instant now = W.plusSeconds(60);
        pacing.computed(W, now, Duration.ofMillis(20));
        assertThat(pacing.due(W, now.plusSeconds(10))).isTrue();
    }

    @Test
    void aClosedWindowIsAlwaysDueAndForgotten() {
        WindowPacing pacing = new WindowPacing(5);
        Instant now = W.plusSeconds(500);
        assertThat(WindowPacing.open(W, now)).as("calls of it still end and are stored").isTrue();
        pacing.computed(W, now, Duration.ofSeconds(10));
        assertThat(pacing.due(W, now.plusSeconds(10))).isFalse();
        Instant closed = W.plusSeconds(600);
        assertThat(WindowPacing.open(W, closed)).isFalse();
        assertThat(pacing.due(W, closed)).isTrue();
        assertThat(pacing.nextDue(W)).isNull();
        pacing.computed(W, closed, Duration.ofSeconds(10));
        assertThat(pacing.due(W, closed)).isTrue();
    }

    @Test
    void theBudgetIsAPercentage() {
        assertThatThrownBy(() -> new WindowPacing(0)).hasMessageContaining("1 to 100");
        WindowPacing all = new WindowPacing(100);
        all.computed(W, W.plusSeconds(1), Duration.ofSeconds(5));
        assertThat(all.due(W, W.plusSeconds(1))).as("a whole core: no pause").isTrue();
    }
}
