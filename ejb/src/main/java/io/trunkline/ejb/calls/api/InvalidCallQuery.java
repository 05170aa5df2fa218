package io.trunkline.ejb.calls.api;

/** A call search or look-up that cannot run because of what one of its parameters says, naming it. */
public class InvalidCallQuery extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidCallQuery(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The parameter at fault, as the REST API names it ({@code from}, {@code number}, {@code before}...). */
    public String field() {
        return field;
    }

    /** The message without the field's name in front. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
