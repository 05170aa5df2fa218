package io.trunkline.ejb.workflow.api;

import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/**
 * The documents of each workflow instance (evidence): people's uploads and the platform's generated files, stored
 * with a SHA-256 checksum, each recorded in the workflow's audit trail ({@code DOCUMENT_ADDED}) in the same
 * transaction. Access follows the workflow's process ({@code ProcessAccess}): what the caller may not read is not
 * found.
 */
@Local
public interface WorkflowDocuments {

    /** System property: the largest document stored, in bytes. */
    String MAX_BYTES_PROPERTY = "trunkline.documents.max-bytes";
    long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    /** The size limit, read on each call so the server's property can change without a redeploy. */
    static long maxBytes() {
        return Long.getLong(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES);
    }

    /**
     * Stores a person's upload: a PDF, PNG or JPEG whose bytes are what {@code contentType} says.
     *
     * @throws WorkflowNotFound    no such workflow the caller may read
     * @throws SecurityException   the caller may read but not act on it
     * @throws InvalidWorkflowInput {@code name} or {@code content} refused, saying why
     * @throws DocumentTooLarge    over {@link #maxBytes()}
     */
    DocumentView add(Caller caller, long workflowId, String name, String contentType, byte[] content);

    /**
     * The workflow's documents in the order stored.
     *
     * @throws WorkflowNotFound no such workflow the caller may read
     */
    List<DocumentView> documents(Caller caller, long workflowId);

    /** One document with its bytes; empty when the workflow or the document is not found or not readable. */
    Optional<StoredDocument> document(Caller caller, long workflowId, long documentId);

    /**
     * Stores a file the platform generated for a workflow (kind GENERATED), for work-item handlers, which act for
     * the process and have no caller: any media type, the same name and size rules as uploads.
     *
     * @param actor who the audit trail names ({@code system} for the engine's own steps)
     * @throws InvalidWorkflowInput {@code name}, {@code contentType} or {@code content} refused
     * @throws DocumentTooLarge    over {@link #maxBytes()}
     */
    DocumentView store(long workflowId, String processId, String name, String contentType, byte[] content, String actor);
}
