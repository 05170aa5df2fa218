package io.trunkline.edge.routing;

/** The platform did not answer in time, or answered with a server error: the fallback decides. */
public class PlatformUnavailable extends Exception {

    private static final long serialVersionUID = 1L;

    public PlatformUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
