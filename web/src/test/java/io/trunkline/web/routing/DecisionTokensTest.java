package io.trunkline.web.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The decision path's bearer tokens: issue, check, half-life renewal, end, and the bound on how many live. */
class DecisionTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final DecisionTokens tokens = new DecisionTokens(Duration.ofMinutes(10), 3, 3, now::get);

    @Test
    void aTokenNamesItsCallerAndRolesUntilItEnds() {
        String token = tokens.issue("edge-1", Set.of("edge"));

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.verify(token)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("edge-1");
            assertThat(c.roles()).containsExactly("edge");
            assertThat(tokens.renewalDue(c)).isFalse();
        });
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(tokens.verify(token)).hasValueSatisfying(c -> assertThat(tokens.renewalDue(c)).isTrue());
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(tokens.verify(token)).as("ended at its lifetime").isEmpty();
        assertThat(tokens.size()).as("an ended token is forgotten when met").isZero();
    }

    @Test
    void unknownAlteredAndMalformedTokensAreRefused() {
        String token = tokens.issue("edge-1", Set.of("edge"));
        char last = token.charAt(42);
        String altered = token.substring(0, 42) + (last == 'A' ? 'B' : 'A');

        assertThat(tokens.verify(altered)).isEmpty();
        assertThat(tokens.verify(token + "x")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify(new DecisionTokens(Duration.ofMinutes(10), 3, 3, now::get).issue("edge-1", Set.of("edge"))))
                .as("another platform's token").isEmpty();
    }

    @Test
    void everyTokenIsNew() {
        Set<String> seen = new HashSet<>();
        DecisionTokens many = new DecisionTokens(Duration.ofMinutes(10), 10_000, 10_000, now::get);
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(many.issue("edge-1", Set.of("edge")))).isTrue();
        }
    }

    @Test
    void pastItsCapacityTheEndedGoFirstThenTheOldest() {
        String first = tokens.issue("edge-1", Set.of("edge"));
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        String second = tokens.issue("edge-2", Set.of("edge"));
        now.addAndGet(1);
        String third = tokens.issue("edge-3", Set.of("edge"));
        now.addAndGet(1);
        String fourth = tokens.issue("edge-4", Set.of("edge"));
        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.verify(first)).as("ended, dropped to make room").isEmpty();

        now.addAndGet(1);
        String fifth = tokens.issue("edge-5", Set.of("edge"));
        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.verify(second)).as("the oldest living one made room").isEmpty();
        assertThat(tokens.verify(third)).isPresent();
        assertThat(tokens.verify(fourth)).isPresent();
        assertThat(tokens.verify(fifth)).isPresent();
    }

    @Test
    void anAccountLoggingInOnEveryRequestReplacesOnlyItsOwnTokens() {
        DecisionTokens shared = new DecisionTokens(Duration.ofMinutes(10), 2, 8, now::get);
        String nodeTwo = shared.issue("edge-2", Set.of("edge"));
        String last = null;
        for (int i = 0; i < 100; i++) {
            now.addAndGet(1);
            last = shared.issue("edge-1", Set.of("edge"));
        }
        assertThat(shared.verify(nodeTwo)).as("another node's token stays").isPresent();
        assertThat(shared.verify(last)).isPresent();
        assertThat(shared.size()).as("edge-1's two newest and edge-2's").isEqualTo(3);
    }

    @Test
    void bearerIsReadFromTheAuthorizationHeaderOnly() {
        assertThat(RouteDecisionServlet.bearer("Bearer abc")).isEqualTo("abc");
        assertThat(RouteDecisionServlet.bearer("bearer  abc ")).isEqualTo("abc");
        assertThat(RouteDecisionServlet.bearer("Basic ZWRnZTplZGdl")).isNull();
        assertThat(RouteDecisionServlet.bearer("Bearer")).isNull();
        assertThat(RouteDecisionServlet.bearer(null)).isNull();
    }

    @Test
    void aTokenNeedsALifetimeAndRoom() {
        assertThatThrownBy(() -> new DecisionTokens(Duration.ZERO, 3, 3, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionTokens(Duration.ofMinutes(1), 0, 3, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionTokens(Duration.ofMinutes(1), 4, 3, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
