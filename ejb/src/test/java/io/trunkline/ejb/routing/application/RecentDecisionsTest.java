package io.trunkline.ejb.routing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.routing.RouteDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecentDecisionsTest {

    private static RouteDecision decision(String callId) {
        return new RouteDecision(callId, RouteDecision.Verdict.ROUTE, null, null, "NATIONAL", "+12125550100", "2001",
                List.of(), List.of(503), 2_000, Map.of(), List.of(), Instant.EPOCH);
    }

    @Test
    void theOldestDecisionIsForgottenOnceTheCapacityIsReached() {
        RecentDecisions recent = new RecentDecisions(3);
        for (String id : List.of("a", "b", "c", "d")) {
            recent.keep(decision(id));
        }
        assertThat(recent.find("a")).isEmpty();
        assertThat(recent.find("d")).map(RouteDecision::callId).contains("d");
        assertThat(recent.size()).isEqualTo(3);
    }

    @Test
    void aCallDecidedAgainKeepsItsLatestDecisionAndIsNotEvictedByItself() {
        RecentDecisions recent = new RecentDecisions(2);
        recent.keep(decision("a"));
        recent.keep(decision("b"));
        RouteDecision again = decision("a");
        recent.keep(again);
        recent.keep(decision("a"));
        assertThat(recent.find("a")).isPresent();
        assertThat(recent.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void manyThreadsKeepAtMostTheCapacity() throws Exception {
        RecentDecisions recent = new RecentDecisions(100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.execute(() -> {
                for (int i = 0; i < 5_000; i++) {
                    recent.keep(decision(thread + "-" + i));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(recent.size()).isLessThanOrEqualTo(100).isGreaterThan(0);
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new RecentDecisions(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
