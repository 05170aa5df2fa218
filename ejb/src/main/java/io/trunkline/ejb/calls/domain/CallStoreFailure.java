package io.trunkline.ejb.calls.domain;

/** The store could not be read or written (the transaction is rolled back; the node sends the batch again). */
public class CallStoreFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CallStoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
