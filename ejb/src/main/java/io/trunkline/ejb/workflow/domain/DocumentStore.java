package io.trunkline.ejb.workflow.domain;

import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.StoredDocument;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The workflows' documents, written in the caller's transaction. */
public interface DocumentStore {

    /** A document to store; the id is given by the store. */
    record NewDocument(long workflowId, String name, String kind, String contentType, String sha256, byte[] content,
                       String addedBy, Instant addedAt) {
    }

    DocumentView add(NewDocument d) throws SQLException;

    /** The instance's documents in the order stored, without their bytes. */
    List<DocumentView> forInstance(long workflowId) throws SQLException;

    /** One document of the instance with its bytes. */
    Optional<StoredDocument> find(long workflowId, long documentId) throws SQLException;
}
