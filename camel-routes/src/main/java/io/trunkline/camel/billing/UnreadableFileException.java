package io.trunkline.camel.billing;

/** A file that cannot be read at all; the route moves it to the error folder with this reason. */
public class UnreadableFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnreadableFileException(String message) {
        super(message);
    }
}
