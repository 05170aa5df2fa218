package io.trunkline.ejb.routing.application;

import io.trunkline.ejb.fraud.api.FraudScreening;
import io.trunkline.ejb.ruleset.api.RuleBase;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.Lock;
import javax.ejb.LockType;
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
 * Runs the routing scenarios a few times before the first calls, so that they do not pay for class loading and cold
 * code: an edge node gives a decision 250 ms before it falls back, and a freshly started server with several nodes
 * asking at once took longer than that.
 *
 * <p>It runs once, as soon as there is something to decide on: master data with at least one PBX, and test
 * scenarios (a fresh installation has neither until they are loaded, and a warm-up at deployment then decided
 * nothing). Until then it looks again every {@value #RETRY_MS} ms, for at most {@value #WAIT_MINUTES} minutes. It
 * decides the scenarios {@value #ROUNDS} times and reads the fraud rows between rounds, on one thread; it stores, counts
 * and alerts nothing. Warming until the JIT compilers are done (6,000 decisions) made no difference to the first
 * minute of calls beyond its run-to-run spread (docs/benchmarks.md, issue #16), so it stays this small.
 * {@link #state()} says where it is (the health report's {@code rules} details show it).
 */
@Singleton
@Startup
@DependsOn("RuleBaseHolder")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@Lock(LockType.READ)
public class DecisionWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionWarmUp.class);
    static final int ROUNDS = 20;
    static final long RETRY_MS = 2_000;
    static final int WAIT_MINUTES = 15;

    @EJB
    private RuleBase rules;
    @EJB
    private FraudScreening fraud;
    @EJB
    private RoutingDataHolder routing;
    @Resource
    private TimerService timers;

    private volatile String state = "waiting for master data and test scenarios";
    private long firstLook;

    /** For the container. */
    public DecisionWarmUp() {
    }

    /** With its collaborators, outside a container (unit tests). */
    DecisionWarmUp(RuleBase rules, FraudScreening fraud, RoutingDataHolder routing, TimerService timers) {
        this.rules = rules;
        this.fraud = fraud;
        this.routing = routing;
        this.timers = timers;
    }

    @PostConstruct
    void schedule() {
        firstLook = System.nanoTime();
        timers.createSingleActionTimer(500, new TimerConfig("decision warm-up", false));
    }

    /** Where the warm-up is: waiting, warmed (with its figures), or given up (with why). */
    public String state() {
        return state;
    }

    @Timeout
    void warm() {
        long started = System.nanoTime();
        int decisions = 0;
        try {
            int scenarios = routing.current().allPbxs().isEmpty() ? 0 : rules.runScenarios().size();
            if (scenarios == 0) {
                if ((started - firstLook) / 60_000_000_000L >= WAIT_MINUTES) {
                    state = "not warmed: no PBX or no test scenario within " + WAIT_MINUTES + " minutes of start";
                    LOG.info("decision path {}", state);
                } else {
                    timers.createSingleActionTimer(RETRY_MS, new TimerConfig("decision warm-up", false));
                }
                return;
            }
            state = "warming";
            decisions = scenarios;
            for (int round = 1; round < ROUNDS; round++) {
                decisions += rules.runScenarios().size();
                fraud.warmUp();
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            state = "warmed: " + decisions + " scenario decisions in " + ms + " ms";
            LOG.info("decision path {}", state);
        } catch (RuntimeException e) {
            state = "not warmed: stopped after " + decisions + " decisions: " + e;
            LOG.warn("decision warm-up stopped after {} decisions: {}", decisions, e.toString());
        }
    }
}
