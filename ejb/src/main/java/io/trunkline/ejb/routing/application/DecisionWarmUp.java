package io.trunkline.ejb.routing.application;

import io.trunkline.ejb.fraud.api.FraudScreening;
import io.trunkline.ejb.ruleset.api.RuleBase;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.Timeout;
import javax.ejb.TimerConfig;
import javax.ejb.TimerService;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the routing scenarios a few times just after the platform starts, so that the first real calls
 * do not pay for class loading and cold code: an edge node gives a decision 250 ms before it falls back,
 * and a freshly started server with several nodes asking at once took longer than that.
 */
@Singleton
@Startup
@DependsOn("RuleBaseHolder")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DecisionWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionWarmUp.class);
    static final int ROUNDS = 20;

    @EJB
    private RuleBase rules;
    @EJB
    private FraudScreening fraud;
    @Resource
    private TimerService timers;

    @PostConstruct
    void schedule() {
        timers.createSingleActionTimer(500, new TimerConfig("decision warm-up", false));
    }

    @Timeout
    void warm() {
        long started = System.nanoTime();
        int decisions = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                decisions += rules.runScenarios().size();
            }
            fraud.warmUp();
            LOG.info("decision path warmed: {} scenario decisions in {} ms", decisions,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("decision warm-up stopped after {} decisions: {}", decisions, e.toString());
        }
    }
}
