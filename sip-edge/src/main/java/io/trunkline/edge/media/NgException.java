package io.trunkline.edge.media;

/** An {@code ng} request that got no usable answer, by cause: the call's media outcome depends on which. */
public final class NgException extends Exception {

    /** Why the request failed. */
    public enum Cause {
        /** No reply after every retransmission: the instance is down or unreachable. */
        TIMEOUT,
        /** rtpengine answered {@code result: error} (or a load limit) with its reason. */
        REFUSED,
        /** The reply was not bencoding, not a dictionary, or had no result. */
        MALFORMED
    }

    private final Cause cause;

    public NgException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public Cause kind() {
        return cause;
    }
}
