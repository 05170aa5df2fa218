package io.undertow.server;

import java.io.IOException;

/** A stand-in with the name of Undertow's exception, which the web module does not compile against. */
public class RequestTooBigException extends IOException {

    private static final long serialVersionUID = 1L;

    public RequestTooBigException(String message) {
        super(message);
    }
}
