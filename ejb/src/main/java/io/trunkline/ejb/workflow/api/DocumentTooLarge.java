package io.trunkline.ejb.workflow.api;

/** A document over the size limit ({@link WorkflowDocuments#maxBytes()}): answered 413 by the API. */
public class DocumentTooLarge extends RuntimeException {

    private final long limit;

    public DocumentTooLarge(long limit) {
        super("content: the document is over the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
