package io.trunkline.ejb.routing.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A carrier's price for a destination prefix from {@code from} (inclusive) until {@code until}
 * (exclusive, null for open): per minute at peak and off-peak (off-peak null when the deck has one price),
 * plus a fee per connected call.
 */
public record Rate(String prefix, BigDecimal peakPerMinute, BigDecimal offPeakPerMinute, BigDecimal connectionFee,
                   LocalDate from, LocalDate until) {

    public boolean effectiveOn(LocalDate day) {
        return !day.isBefore(from) && (until == null || day.isBefore(until));
    }

    public BigDecimal perMinute(boolean peak) {
        return peak || offPeakPerMinute == null ? peakPerMinute : offPeakPerMinute;
    }
}
