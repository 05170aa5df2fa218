package io.trunkline.ejb.routing.domain;

import java.math.BigDecimal;

/**
 * A carrier that passed the candidate filter, with what ordering needs.
 *
 * @param position     its place in the policy's list (or by priority), the tie-breaker
 * @param rate         the deck's rate for the number on the call's day, null when the carrier has none
 * @param perMinute    that rate in the peak or off-peak window of the call, null without a rate
 * @param expectedCost connection fee plus the expected call length billed in the carrier's increment
 * @param belowFloor   the carrier's ASR or MOS is under the policy's quality floor
 */
record Candidate(Carrier carrier, int position, int weight, Rate rate, BigDecimal perMinute,
                 BigDecimal expectedCost, boolean belowFloor) {
}
