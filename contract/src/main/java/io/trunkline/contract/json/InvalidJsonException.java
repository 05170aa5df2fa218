package io.trunkline.contract.json;

/**
 * A JSON text {@link Json} refuses: malformed (RFC 8259) or beyond one of the reader's limits. It is an
 * {@link IllegalArgumentException}, so callers that refuse bad input by that type keep doing so.
 */
public final class InvalidJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final int position;

    InvalidJsonException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** The 1-based character position the reader had reached, 0 when the whole text was refused. */
    public int position() {
        return position;
    }
}
