package io.trunkline.camel.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One valid rate of a carrier's deck, in Trunkline's terms: destination prefix (E.164 digits without
 * '+'), price per minute (at peak, and off-peak when the deck has a second price) and per connection in
 * the deck's currency, the day it takes effect and, when the deck says so, the day it ends (exclusive).
 */
public record RateDeckLine(int lineNumber, String prefix, BigDecimal ratePerMinute, BigDecimal offPeakRatePerMinute,
                           BigDecimal connectionFee, LocalDate effectiveFrom, LocalDate effectiveUntil,
                           String description) {
}
