package io.trunkline.ejb.replay.domain;

import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.routing.RouteRequest;
import java.time.Instant;

/**
 * One call as it was recorded, with what a decision needs of it again and what rating it needs.
 *
 * @param id          the edge's Call-ID, or the CDR's own record key
 * @param recordedBy  {@link #EDGE}, or the id of the CDR source whose record it is
 * @param source      the PBX an outbound call came from, the carrier an inbound one came through
 * @param pbx         the PBX of the call (an inbound call's: the one it reached), null when not known
 * @param calling     the calling number as received (dialed)
 * @param called      the called number as dialed
 * @param callingE164 a CDR's calling number as its PBX's dial plan made it E.164 when stored, else null
 * @param billableMs  talk time billed: the edge's answer to end, a CDR's billable time
 * @param identity    an inbound call's STIR/SHAKEN verification as the edge recorded it, else null
 */
public record RecordedCall(String id, String recordedBy, Instant startedAt, RouteRequest.Direction direction,
                           String source, String pbx, String calling, String called, String callingE164,
                           boolean answered, long billableMs, IdentityCheck identity) {

    public static final String EDGE = "edge";

    public boolean fromEdge() {
        return EDGE.equals(recordedBy);
    }
}
