package io.trunkline.edge.overload;

/**
 * What the B2BUA asks before it takes a new call, and what it reports back about the calls it took. Requests
 * inside a call are never put to it: a call once admitted is carried to its end.
 */
public interface OverloadControl {

    /** Never refuses: for nodes and tests without overload control. */
    OverloadControl NONE = new OverloadControl() {
        @Override
        public boolean admitNewCall() {
            return true;
        }

        @Override
        public int retryAfterSeconds() {
            return 0;
        }

        @Override
        public void decided(long nanos) {
        }
    };

    /** Whether a new INVITE may start a call now; false means answer it 503 at once. */
    boolean admitNewCall();

    /**
     * Whether the new call attempt {@code attempt} (see {@link #attempt}) may start: asked wherever its INVITE is
     * seen (on arrival, while new calls are {@link #limiting limited}, and by the B2BUA), answered once per attempt;
     * the default asks {@link #admitNewCall} every time.
     */
    default boolean admit(String attempt) {
        return admitNewCall();
    }

    /**
     * What one judgment stands for: an INVITE's Call-ID and CSeq number. Its retransmissions share both; the caller's
     * new attempt after a 503 (same Call-ID, a higher CSeq, as after any refusal, RFC 3261 §8.1.3.5) is judged again.
     */
    static String attempt(String callId, long cseq) {
        return callId + ' ' + cseq;
    }

    /** Whether new calls may be refused now: cheap, asked for every INVITE as it arrives. */
    default boolean limiting() {
        return false;
    }

    /** The Retry-After of a refusal, in seconds (RFC 3261 §20.33). */
    int retryAfterSeconds();

    /** A new call waited {@code nanos} from its INVITE until its decision (queue and platform together). */
    void decided(long nanos);
}
