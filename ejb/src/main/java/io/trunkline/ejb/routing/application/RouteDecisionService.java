package io.trunkline.ejb.routing.application;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.fraud.api.FraudScreening;
import io.trunkline.ejb.routing.api.RouteDecisions;
import io.trunkline.ejb.routing.domain.DecisionSettings;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.ruleset.application.RuleBaseHolder;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.PostConstruct;
import java.util.concurrent.ThreadLocalRandom;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;

/**
 * Decides calls on the current routing snapshot and rulebook versions, then has routed outbound calls screened by
 * the fraud rulebook; no database work per call.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RouteDecisionService implements RouteDecisions {

    private static final RouteDecider DECIDER = new RouteDecider(DecisionSettings.DEFAULT, Clock.systemUTC(),
            () -> ThreadLocalRandom.current().nextDouble());

    @EJB
    private RoutingDataHolder data;
    @EJB
    private RuleBaseHolder ruleBase;
    @EJB
    private DecisionLog log;
    @EJB
    private FraudScreening fraud;
    @EJB
    private DecisionRederivation rederivation;
    /**
     * What a decision reads and where it goes, taken once per instance as plain objects: a decision then makes one
     * call through the container (the caller's into this bean), not one for each of them.
     */
    private Supplier<RoutingData> snapshot;
    private Function<Rulebook, RulebookRegistry.Active> books;
    private FraudScreening.Stage screening;
    private RecentDecisions recent;

    @PostConstruct
    void init() {
        snapshot = data.reader();
        books = ruleBase.reader();
        screening = fraud.stage();
        recent = log.recent();
    }

    @Override
    public RouteDecision decide(RouteRequest request) {
        RouteDecision decision = screening.screen(request,
                DECIDER.decide(request, snapshot.get(), RouteDecider.Books.current(books)));
        recent.keep(decision);
        return decision;
    }

    @Override
    public Optional<RouteDecision> find(CallId callId) {
        return log.find(callId.value());
    }

    @Override
    public RouteDecision simulate(String rulebook, int version, RouteRequest request) throws RulebookRejectedException {
        RulebookRegistry.Active candidate = ruleBase.compiled(rulebook, version);
        Rulebook target = Rulebook.byName(rulebook).orElseThrow();
        return DECIDER.decide(request, data.current(),
                RouteDecider.Books.current(r -> r == target ? candidate : ruleBase.current(r)));
    }

    @Override
    public Rederived rederive(RouteRequest request) throws RulebookRejectedException {
        return rederivation.rederive(request);
    }
}
