package io.trunkline.ejb.workflow.api;

/** A request the workflow API refuses because of one of its fields ({@code field}, e.g. {@code data.failoverSeconds}). */
public class InvalidWorkflowInput extends IllegalArgumentException {

    private final String field;

    public InvalidWorkflowInput(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
