package io.trunkline.ejb.workflow.api;

import java.io.Serializable;

/** A document with its bytes, as stored. */
public record StoredDocument(DocumentView view, byte[] content) implements Serializable {
}
