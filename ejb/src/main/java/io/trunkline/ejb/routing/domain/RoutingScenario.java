package io.trunkline.ejb.routing.domain;

import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.routing.api.ScenarioOutcome;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An analyst's test scenario: a call and what must be decided for it. {@code targets} are the first
 * routes in order (further routes may follow); {@code callClass} and {@code sipCode} are checked when given.
 */
public record RoutingScenario(String name, RouteRequest request, RouteDecision.Verdict verdict, String callClass,
                              List<String> targets, Integer sipCode) implements Serializable {

    public ScenarioOutcome check(RouteDecision d) {
        List<String> wrong = new ArrayList<>();
        if (d.verdict() != verdict) {
            wrong.add("verdict " + d.verdict() + " (" + d.reason() + "), expected " + verdict);
        }
        if (callClass != null && !callClass.equals(d.callClass())) {
            wrong.add("class " + d.callClass() + ", expected " + callClass);
        }
        List<String> got = d.routes().stream().map(Route::target).toList();
        if (!targets.isEmpty() && (got.size() < targets.size() || !got.subList(0, targets.size()).equals(targets))) {
            wrong.add("routes " + got + ", expected to start with " + targets);
        }
        if (sipCode != null && !sipCode.equals(d.sipCode())) {
            wrong.add("SIP " + d.sipCode() + ", expected " + sipCode);
        }
        return new ScenarioOutcome(name, wrong.isEmpty(), wrong.isEmpty() ? "as expected" : String.join("; ", wrong));
    }

    /** Decides every scenario with {@code decider} on {@code data} and {@code books}. */
    public static List<ScenarioOutcome> runAll(List<RoutingScenario> scenarios, RouteDecider decider, RoutingData data,
                                       RouteDecider.Books books) {
        List<ScenarioOutcome> out = new ArrayList<>();
        for (RoutingScenario s : scenarios) {
            try {
                out.add(s.check(decider.decide(s.request(), data, books)));
            } catch (InvalidRouteRequest e) {
                out.add(new ScenarioOutcome(s.name(), false, "not decidable: " + e.getMessage()));
            }
        }
        return out;
    }
}
