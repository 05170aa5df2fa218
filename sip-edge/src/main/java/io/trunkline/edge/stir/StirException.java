package io.trunkline.edge.stir;

/** A verification step that failed, with its {@link StirFailure} and what exactly was wrong. */
public final class StirException extends Exception {

    private final StirFailure failure;

    public StirException(StirFailure failure, String detail) {
        super(detail);
        this.failure = failure;
    }

    public StirFailure failure() {
        return failure;
    }
}
