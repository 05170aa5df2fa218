package io.trunkline.ejb.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * A document of a workflow instance, without its bytes: {@code kind} UPLOAD (a person's file, e.g. a signed letter
 * of authorization) or GENERATED (the platform's, e.g. a letter or an evidence package); {@code sha256} in lower-case
 * hex, computed when it was stored.
 */
public record DocumentView(long id, long workflowId, String name, String kind, String contentType, long size,
                           String sha256, String addedBy, Instant addedAt) implements Serializable {
}
