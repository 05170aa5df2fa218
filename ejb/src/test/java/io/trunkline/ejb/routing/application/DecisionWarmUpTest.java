package io.trunkline.ejb.routing.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.fraud.api.FraudScreening;
import io.trunkline.ejb.routing.api.ScenarioOutcome;
import io.trunkline.ejb.routing.domain.FixedRoutingRepository;
import io.trunkline.ejb.routing.domain.RoutingFixtures;
import io.trunkline.ejb.ruleset.api.RuleBase;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.ejb.TimerService;
import org.junit.jupiter.api.Test;

/** When the warm-up runs, how far, and what it says; the rule base, fraud stage and timers are stand-ins. */
class DecisionWarmUpTest {

    private final AtomicInteger scenarioRuns = new AtomicInteger();
    private final AtomicInteger fraudWarmUps = new AtomicInteger();
    private final List<Long> timers = Collections.synchronizedList(new ArrayList<>());

    private DecisionWarmUp warmUp(RoutingFixtures master, int scenarios) {
        RuleBase rules = stand(RuleBase.class, "runScenarios", () -> {
            scenarioRuns.incrementAndGet();
            List<ScenarioOutcome> out = new ArrayList<>();
            for (int i = 0; i < scenarios; i++) {
                out.add(new ScenarioOutcome("s" + i, true, ""));
            }
            return out;
        });
        FraudScreening fraud = stand(FraudScreening.class, "warmUp", () -> {
            fraudWarmUps.incrementAndGet();
            return null;
        });
        TimerService timerService = (TimerService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{TimerService.class}, (p, m, args) -> {
                    if (m.getName().equals("createSingleActionTimer")) {
                        timers.add((Long) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        DecisionWarmUp w = new DecisionWarmUp(rules, fraud,
                new RoutingDataHolder(new FixedRoutingRepository(master.build())), timerService);
        w.schedule();
        return w;
    }

    @SuppressWarnings("unchecked")
    private static <T> T stand(Class<T> type, String method, java.util.function.Supplier<Object> answer) {
        return (T) Proxy.newProxyInstance(DecisionWarmUpTest.class.getClassLoader(), new Class<?>[]{type},
                (p, m, args) -> {
                    if (m.getName().equals(method)) {
                        return answer.get();
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void withoutPbxsItWaitsAndLooksAgainLater() {
        DecisionWarmUp w = warmUp(new RoutingFixtures(), 11);

        w.warm();

        assertThat(scenarioRuns).as("nothing to decide on: no scenario run").hasValue(0);
        assertThat(timers).containsExactly(500L, DecisionWarmUp.RETRY_MS);
        assertThat(w.state()).startsWith("waiting");
    }

    @Test
    void withPbxsButNoScenarioItWaitsToo() {
        DecisionWarmUp w = warmUp(RoutingFixtures.enterprise(), 0);

        w.warm();

        assertThat(scenarioRuns).hasValue(1);
        assertThat(timers).containsExactly(500L, DecisionWarmUp.RETRY_MS);
        assertThat(w.state()).startsWith("waiting");
    }

    @Test
    void withPbxsAndScenariosItDecidesThemItsRoundsOnceAndSaysSo() {
        DecisionWarmUp w = warmUp(RoutingFixtures.enterprise(), 11);

        w.warm();

        assertThat(scenarioRuns).as("the scenarios, each round").hasValue(DecisionWarmUp.ROUNDS);
        assertThat(fraudWarmUps).as("the fraud rows once a round after the first").hasValue(DecisionWarmUp.ROUNDS - 1);
        assertThat(timers).as("warmed once: no later look").containsExactly(500L);
        assertThat(w.state()).matches("warmed: " + DecisionWarmUp.ROUNDS * 11 + " scenario decisions in \\d+ ms");
    }
}
