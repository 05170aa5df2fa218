package io.trunkline.contract.testcall;

/** A test call request refused, naming the field at fault ({@code body} when the text is not a JSON object). */
public final class InvalidTestCallException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidTestCallException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
