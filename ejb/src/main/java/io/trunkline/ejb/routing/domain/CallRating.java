package io.trunkline.ejb.routing.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * What a call that ended cost, rated as the carrier that carried it bills: its rate deck's prefix for the number on
 * the day of the call (in the carrier's time zone), peak or off-peak, the connection fee, and the billed seconds in
 * the carrier's increments. Unrated (empty) when the carrier or its rate for the number is not known.
 */
public final class CallRating {

    private static final MathContext MONEY = MathContext.DECIMAL64;

    private CallRating() {
    }

    /** Rated at the answer, for {@code seconds} of talk time (the fraud stage's spend). */
    public static Optional<BigDecimal> cost(RoutingData data, String carrier, String e164, Instant answeredAt,
                                            long seconds) {
        if (answeredAt == null) {
            return Optional.empty();
        }
        return rated(data, carrier, e164, answeredAt, (c, rate) -> rate.connectionFee().add(rate.perMinute(c.peakAt(answeredAt))
                .multiply(BigDecimal.valueOf(c.billing().billedSeconds(Math.max(0, seconds))))
                .divide(BigDecimal.valueOf(60), MONEY)));
    }

    /**
     * Rated at the call's start as the metrics and replays price calls: the deck of the start's day, peak or off-peak
     * at the start, {@code billableMs} rounded up to whole seconds and then to the carrier's increments, to the
     * millionth (half up), plus the connection fee.
     */
    public static Optional<BigDecimal> atStart(RoutingData data, String carrier, String e164, Instant startedAt,
                                               long billableMs) {
        return rated(data, carrier, e164, startedAt, (c, rate) -> rate.perMinute(c.peakAt(startedAt))
                .multiply(BigDecimal.valueOf(c.billing().billedSeconds((billableMs + 999) / 1000)))
                .divide(BigDecimal.valueOf(60), 6, RoundingMode.HALF_UP)
                .add(rate.connectionFee()));
    }

    private static Optional<BigDecimal> rated(RoutingData data, String carrier, String e164, Instant at,
                                              java.util.function.BiFunction<Carrier, Rate, BigDecimal> price) {
        if (carrier == null || e164 == null || !e164.startsWith("+")) {
            return Optional.empty();
        }
        Optional<Carrier> found = data.carrier(carrier);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Carrier c = found.get();
        return data.rates(c.id()).lookup(e164.substring(1), at.atZone(c.zone()).toLocalDate())
                .map(rate -> price.apply(c, rate));
    }
}
