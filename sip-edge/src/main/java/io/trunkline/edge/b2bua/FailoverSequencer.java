package io.trunkline.edge.b2bua;

import io.trunkline.contract.routing.Route;
import io.trunkline.edge.cluster.TrunkHealthStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order a call tries its decision's routes in: the next route whose trunk is up (by the cluster's OPTIONS
 * probes), is not down for the test call it carries, and has a free channel, each skipped route recorded as an attempt
 * without a SIP code.
 */
final class FailoverSequencer {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverSequencer.class);

    /** The reason a route skipped because a test call's request says so is recorded with. */
    static final String DOWN_FOR_TEST = "down for test call";

    private final TrunkHealthStore health;
    private final Admission admission;
    private final CarrierDialect dialect;

    FailoverSequencer(TrunkHealthStore health, Admission admission, CarrierDialect dialect) {
        this.health = health;
        this.admission = admission;
        this.dialect = dialect;
    }

    /**
     * Moves the call to its next route that can be tried, holding a channel on its trunk and giving back the one
     * the previous attempt held; empty when no route is left. Holds the call's lock.
     */
    Optional<Route> next(Call call) {
        List<Route> routes = call.decision().routes();
        while (++call.attempt < routes.size()) {
            Route route = routes.get(call.attempt);
            if (call.test != null && call.test.request().down().contains(route.target())) {
                // A failover drill's carrier under test: down for this call only, as a down trunk would be skipped.
                LOG.info("call {}: route {} ({}) skipped: down for test call", call.aCallId, call.attempt + 1,
                        route.target());
                call.skipped(route, DOWN_FOR_TEST);
                continue;
            }
            if (health.isDown(route.target())) {
                // Known down from the OPTIONS probes: no INVITE, no waiting for its timeout.
                LOG.info("call {}: route {} ({}) skipped: trunk down", call.aCallId, call.attempt + 1, route.target());
                call.skipped(route, "trunk down");
                continue;
            }
            admission.releaseTrunkChannel(call);
            int limit = dialect.profileOf(route).maxChannels();
            if (!admission.holdTrunkChannel(call, CarrierDialect.channelOf(route), limit)) {
                LOG.info("call {}: route {} ({}) skipped: at its channel limit ({})", call.aCallId, call.attempt + 1,
                        route.target(), limit);
                call.skipped(route, "at its channel limit (" + limit + ")");
                continue;
            }
            return Optional.of(route);
        }
        return Optional.empty();
    }

    /** How long an attempt may go without a provisional answer before the next route is tried. */
    static int attemptTimeoutMs(Call call) {
        return call.decision().attemptTimeoutMs() > 0 ? call.decision().attemptTimeoutMs() : 2000;
    }

    /** Whether a carrier's final answer moves the call to its next route (the decision's failover codes). */
    static boolean failsOver(Call call, int status) {
        return call.decision().failoverCodes().contains(status);
    }
}
