package io.trunkline.contract.routing;

import java.time.Instant;

/**
 * What the edge asks for a new call: who sends it (the PBX for an outbound or internal call, the carrier
 * for an inbound one), the numbers exactly as received, and when.
 *
 * @param callId    the SIP Call-ID of the PBX leg (or the carrier leg, inbound)
 * @param direction OUTBOUND (from a PBX) or INBOUND (from a carrier)
 * @param source    PBX id (outbound) or carrier id (inbound)
 * @param calling   calling number as received (From / P-Asserted-Identity user part)
 * @param called    called number as dialed (Request-URI user part)
 * @param at        call time; the platform's clock when null
 * @param forwarded the call is forwarded (it carried Diversion or History-Info): its calling number is the original
 *                  caller's, not the PBX's
 * @param identity  for an inbound call, what the edge's STIR/SHAKEN verification made of its {@code Identity}; null
 *                  when the edge does not verify
 */
public record RouteRequest(String callId, Direction direction, String source, String calling, String called, Instant at,
                           boolean forwarded, IdentityCheck identity) {

    public enum Direction { OUTBOUND, INBOUND }

    /** A request without a verification. */
    public RouteRequest(String callId, Direction direction, String source, String calling, String called, Instant at,
                        boolean forwarded) {
        this(callId, direction, source, calling, called, at, forwarded, null);
    }

    /** A request for a call that is not forwarded. */
    public RouteRequest(String callId, Direction direction, String source, String calling, String called, Instant at) {
        this(callId, direction, source, calling, called, at, false, null);
    }
}
