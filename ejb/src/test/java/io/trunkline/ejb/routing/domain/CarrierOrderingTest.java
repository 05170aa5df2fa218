package io.trunkline.ejb.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.rules.routing.PolicyQuery;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A strategy the ordering does not know fails the decision instead of quietly ordering by priority. */
class CarrierOrderingTest {

    private static final Instant PEAK = Instant.parse("2026-12-01T15:00:00Z");

    private static List<Route> order(String strategy) {
        RoutingData data = RoutingFixtures.enterprise().build();
        PolicyQuery q = new PolicyQuery("hq-cucm", "DOMESTIC", "+13125550123", LocalTime.of(10, 0), DayOfWeek.TUESDAY);
        q.setCarriers("carrier-c carrier-a");
        q.choose("RoutingPolicy_20", strategy);
        DecisionTrace trace = new DecisionTrace(new RouteRequest("c1", RouteRequest.Direction.OUTBOUND, "hq-cucm",
                "2001", "93125550123", PEAK), PEAK, Map.of());
        List<Candidate> candidates = new CandidateFilter(DecisionSettings.DEFAULT).candidates("+13125550123", "US", q,
                data, trace, PEAK);
        return new CarrierOrdering(() -> 0.0).routes(data.pbx("hq-cucm").orElseThrow(), "+13125550123", null, q,
                candidates, data, trace);
    }

    @Test
    void priorityKeepsThePolicysOrder() {
        assertThat(order("PRIORITY")).extracting(Route::target).containsExactly("carrier-c", "carrier-a");
    }

    @Test
    void unknownStrategyFailsLoudly() {
        assertThatThrownBy(() -> order("LEAST_COSt")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'LEAST_COSt'").hasMessageContaining("LEAST_COST, PRIORITY, WEIGHTED, REJECT");
    }
}
