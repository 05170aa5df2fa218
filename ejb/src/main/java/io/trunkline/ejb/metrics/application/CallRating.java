package io.trunkline.ejb.metrics.application;

import io.trunkline.ejb.metrics.domain.CallFacts;
import io.trunkline.ejb.routing.domain.Carrier;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.routing.domain.Rate;
import io.trunkline.ejb.routing.domain.RoutingData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
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
        if (carrierId == null || calledE164 == null || !calledE164.startsWith("+")) {
            return null;
        }
        Optional<Carrier> carrier = routing.carrier(carrierId);
        if (carrier.isEmpty()) {
            return null;
        }
        Carrier c = carrier.get();
        LocalDate day = startedAt.atZone(c.zone()).toLocalDate();
        Optional<Rate> rate = routing.rates(new CarrierId(carrierId)).lookup(calledE164.substring(1), day);
        if (rate.isEmpty()) {
            return null;
        }
        long seconds = c.billing().billedSeconds((billableMs + 999) / 1000);
        return rate.get().perMinute(c.peakAt(startedAt)).multiply(BigDecimal.valueOf(seconds))
                .divide(BigDecimal.valueOf(60), 6, RoundingMode.HALF_UP)
                .add(rate.get().connectionFee());
    }
}
