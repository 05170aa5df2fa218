package io.trunkline.camel.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One valid rate of a carrier's deck, in Trunkline's terms: destination prefix (E.164 digits without
 * '+'), price per minute and per connection in the deck's currency, and the day it takes effect.
 */
public record RateDeckLine(int lineNumber, String prefix, BigDecimal ratePerMinute, BigDecimal connectionFee,
                           LocalDate effectiveFrom, String description) {
}
