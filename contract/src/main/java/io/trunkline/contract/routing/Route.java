package io.trunkline.contract.routing;

import io.trunkline.contract.telecom.Attestation;
import java.math.BigDecimal;

/**
 * One place to send the call, in the order to try.
 *
 * @param target        carrier id, or PBX id for internal and inbound calls
 * @param kind          CARRIER or PBX
 * @param uri           SIP URI of the trunk
 * @param presentNumber the calling number to present on this route (E.164, or an extension towards a PBX)
 * @param ratePerMinute the carrier's rate at call time, null when none applies
 * @param currency      currency of the rate
 * @param reason        why this route is here, at this position
 * @param signing       how the edge signs the call on this route (STIR/SHAKEN, for its presented number); null:
 *                      as the decision says ({@link RouteDecision#signingFor})
 * @param arrives       the attestation the call is expected to reach the called party with through this carrier
 *                      (its own re-signing, or the enterprise's passed through); null: unsigned or not a carrier
 */
public record Route(String target, Kind kind, String uri, String presentNumber, BigDecimal ratePerMinute,
                    String currency, String reason, Signing signing, Attestation arrives) {

    public enum Kind { CARRIER, PBX }

    /** A route with no signing of its own and no expected attestation. */
    public Route(String target, Kind kind, String uri, String presentNumber, BigDecimal ratePerMinute,
                 String currency, String reason) {
        this(target, kind, uri, presentNumber, ratePerMinute, currency, reason, null, null);
    }
}
