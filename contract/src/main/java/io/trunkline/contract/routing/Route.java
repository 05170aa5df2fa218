package io.trunkline.contract.routing;

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
 */
public record Route(String target, Kind kind, String uri, String presentNumber, BigDecimal ratePerMinute,
                    String currency, String reason) {

    public enum Kind { CARRIER, PBX }
}
