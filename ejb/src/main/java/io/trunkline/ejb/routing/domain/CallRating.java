package io.trunkline.ejb.routing.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Optional;

/**
 * What a call that ended cost, rated as the carrier that carried it bills: its rate deck's prefix for the number on
 * the day of the answer (in the carrier's time zone), peak or off-peak, the connection fee, and the billed seconds
 * in the carrier's increments. Unrated (empty) when the carrier or its rate for the number is not known.
 */
public final class CallRating {

    private static final MathContext MONEY = MathContext.DECIMAL64;

    private CallRating() {
    }

    public static Optional<BigDecimal> cost(RoutingData data, String carrier, String e164, Instant answeredAt,
                                            long seconds) {
        if (carrier == null || e164 == null || !e164.startsWith("+") || answeredAt == null) {
            return Optional.empty();
        }
        Optional<Carrier> found = data.carrier(carrier);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Carrier c = found.get();
        return data.rates(c.id()).lookup(e164.substring(1), answeredAt.atZone(c.zone()).toLocalDate())
                .map(rate -> rate.connectionFee().add(rate.perMinute(c.peakAt(answeredAt))
                        .multiply(BigDecimal.valueOf(c.billing().billedSeconds(Math.max(0, seconds))))
                        .divide(BigDecimal.valueOf(60), MONEY)));
    }
}
