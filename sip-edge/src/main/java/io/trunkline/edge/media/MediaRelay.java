package io.trunkline.edge.media;

import java.util.Map;

/**
 * The relay a node's calls' media goes through: each side is offered the relay's own address instead of the other
 * side's, and at the end the relay says what each side sent. Sides are named by their tags, as in SIP: an offer comes
 * from {@code fromTag}'s side and goes to {@code toTag}'s (null before the other side has answered once); its answer
 * names the same tags. A call's requests after its first offer go to the relay instance that holds it.
 */
public interface MediaRelay {

    /** No relay: every SDP passes as it is, nothing is counted. */
    MediaRelay NONE = new MediaRelay() {
        @Override
        public boolean relays() {
            return false;
        }

        @Override
        public String offer(String callId, String fromTag, String toTag, String sdp, MediaProfile towards) {
            return sdp;
        }

        @Override
        public String answer(String callId, String fromTag, String toTag, String sdp, MediaProfile towards) {
            return sdp;
        }

        @Override
        public Map<String, StreamStats> end(String callId) {
            return Map.of();
        }

        @Override
        public String describe() {
            return "media not relayed (no rtpengine configured)";
        }
    };

    /** Whether calls' media goes through a relay at all. */
    boolean relays();

    /**
     * The SDP to send on for {@code sdp}, an offer from {@code fromTag}'s side, rewritten to the relay's address and in
     * {@code towards}' form (SRTP or RTP, ICE). A new call is placed on an instance here; a call already placed
     * (a failover's next attempt, a re-INVITE) is offered again on its own.
     *
     * @throws MediaException when no instance answered, or the relay refused the SDP (unparseable, over its limits)
     */
    String offer(String callId, String fromTag, String toTag, String sdp, MediaProfile towards) throws MediaException;

    /** The SDP to send back for {@code sdp}, the answer of {@code toTag}'s side to {@code fromTag}'s offer. */
    String answer(String callId, String fromTag, String toTag, String sdp, MediaProfile towards) throws MediaException;

    /**
     * Ends the call's media and says what each side sent, by tag: empty when the call had none on the relay or its
     * instance did not answer (its delete is then sent again later).
     */
    Map<String, StreamStats> end(String callId);

    /** One line for the node's health: where media goes, or that it is not relayed. */
    String describe();
}
