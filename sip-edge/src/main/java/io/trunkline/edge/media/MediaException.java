package io.trunkline.edge.media;

/** A call's media that the relay could not set up, by cause (each cause is logged once a minute, not per call). */
public final class MediaException extends Exception {

    private final NgException.Cause cause;

    public MediaException(NgException.Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public NgException.Cause kind() {
        return cause;
    }
}
