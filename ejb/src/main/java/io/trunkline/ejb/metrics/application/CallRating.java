package io.trunkline.ejb.metrics.application;

import io.trunkline.ejb.metrics.domain.CallFacts;
import io.trunkline.ejb.routing.domain.RoutingData;
import java.math.BigDecimal;
import java.time.Instant;
import javax.inject.Inject;

/**
 * Prices a call as the carrier bills it: the rate of the longest prefix of the called number in the carrier's
 * deck effective on the call's day (in the carrier's time zone), peak or off-peak by the carrier's window at the
 * call's start, the billed seconds rounded up by its increment (e.g. 60/60, 30/6), plus the connection fee.
 */
final class CallRating implements CallFacts.Rater {

    private final RoutingData routing;

    CallRating(RoutingData routing) {
        this.routing = routing;
    }

    @Override
    public BigDecimal cost(String carrierId, String calledE164, Instant startedAt, long billableMs) {
        return io.trunkline.ejb.routing.domain.CallRating.atStart(routing, carrierId, calledE164, startedAt, billableMs)
                .orElse(null);
    }
}
