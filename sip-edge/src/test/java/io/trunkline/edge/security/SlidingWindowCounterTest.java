package io.trunkline.edge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlidingWindowCounterTest {

    private final SlidingWindowCounter counter = new SlidingWindowCounter(1_000);

    @Test
    void countsEachKeyOnItsOwnWithinAWindow() {
        for (int i = 0; i < 5; i++) {
            counter.hit("198.51.100.7", 10_000 + i);
        }
        assertThat(counter.hit("198.51.100.7", 10_100)).isEqualTo(6);
        assertThat(counter.hit("203.0.113.9", 10_100)).isEqualTo(1);
    }

    @Test
    void thePreviousWindowWeighsAsMuchAsTheSlidingWindowStillCoversOfIt() {
        for (int i = 0; i < 100; i++) {
            counter.hit("s", 0);
        }
        // Half of the previous window is still covered at 1,500 ms: 100 × 0.5 + this one.
        assertThat(counter.hit("s", 1_500)).isEqualTo(51);
        // Two windows later nothing of the burst is left.
        assertThat(counter.hit("s", 3_100)).isEqualTo(1);
    }

    @Test
    void aBurstAcrossAWindowBoundaryIsStillSeen() {
        for (int i = 0; i < 50; i++) {
            counter.hit("s", 990);
        }
        assertThat(counter.hit("s", 1_010)).as("a fixed window would have reset to 1").isGreaterThan(50);
    }

    @Test
    void idleKeysAreForgotten() {
        counter.hit("a", 0);
        counter.hit("b", 0);
        counter.hit("c", 5_000);
        assertThat(counter.size()).isEqualTo(1);
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> new SlidingWindowCounter(0)).hasMessageContaining("window");
    }
}
