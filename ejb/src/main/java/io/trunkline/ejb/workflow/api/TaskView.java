package io.trunkline.ejb.workflow.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A human task of a workflow as its potential owners see it, with the form its completion takes. */
public record TaskView(long id, String name, String status, long workflowId, String processId, String owner,
                       Instant createdOn, Map<String, Object> inputs, List<FormField> form) implements Serializable {
}
