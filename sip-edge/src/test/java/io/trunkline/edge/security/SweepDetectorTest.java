package io.trunkline.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SweepDetectorTest {

    private final SweepDetector detector = new SweepDetector(10_000, 3);

    @Test
    void moreDistinctUsersThanAllowedWithinTheWindowIsASweep() {
        assertThat(detector.seen("s", "100", 0)).isFalse();
        assertThat(detector.seen("s", "101", 1)).isFalse();
        assertThat(detector.seen("s", "102", 2)).isFalse();
        assertThat(detector.seen("s", "103", 3)).isTrue();
    }

    @Test
    void theSameUserAgainIsNoSweep() {
        for (int i = 0; i < 50; i++) {
            assertThat(detector.seen("s", "100", i)).isFalse();
        }
    }

    @Test
    void usersSpreadOverWindowsAreNoSweepAndSourcesAreApart() {
        assertThat(detector.seen("s", "100", 0)).isFalse();
        assertThat(detector.seen("s", "101", 1)).isFalse();
        assertThat(detector.seen("s", "102", 2)).isFalse();
        assertThat(detector.seen("t", "103", 3)).isFalse();
        assertThat(detector.seen("s", "103", 10_005)).as("a new window").isFalse();
        assertThat(detector.size()).as("the idle source is forgotten").isEqualTo(1);
    }
}
