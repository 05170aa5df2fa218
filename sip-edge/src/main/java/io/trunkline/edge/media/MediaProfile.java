package io.trunkline.edge.media;

/**
 * How one peer (a carrier or a PBX) takes its media through the relay: whether it is offered SRTP, whether ICE is
 * removed from what it is offered, and what happens to a call towards it whose media cannot be set up.
 *
 * @param srtp      what it is offered: SRTP with SDES keys (RFC 4568), plain RTP, or the protocol the other side
 *                  offered
 * @param removeIce whether ICE candidates (RFC 8445) are removed from what it is offered (most trunks and PBXs do not
 *                  do ICE; rtpengine answers the connectivity checks of the side that does)
 * @param onFailure PASS: the call goes on with its media unrelayed; REFUSE: the route is not tried (503)
 */
public record MediaProfile(Srtp srtp, boolean removeIce, OnFailure onFailure) {

    /** The offered protocol towards a peer. */
    public enum Srtp {
        /** The protocol the other side offered (RTP to RTP, SRTP to SRTP). */
        AS_OFFERED,
        /** SRTP with SDES keys ({@code RTP/SAVP}), whatever the other side speaks. */
        SDES,
        /** Plain RTP ({@code RTP/AVP}), whatever the other side speaks. */
        OFF
    }

    /** What a call towards the peer gets when its media cannot be set up. */
    public enum OnFailure {
        /** The call goes on with its SDP as it was: media flows directly, not relayed. */
        PASS,
        /** The route is not tried (503): for a peer that must not see the other side's media address. */
        REFUSE
    }

    /** Media as offered, ICE removed, calls kept when the relay fails. */
    public static final MediaProfile DEFAULT = new MediaProfile(Srtp.AS_OFFERED, true, OnFailure.PASS);

    public MediaProfile {
        if (srtp == null || onFailure == null) {
            throw new IllegalArgumentException("srtp and on-failure are required");
        }
    }
}
