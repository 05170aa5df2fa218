package io.trunkline.ejb.workflow.application;

import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.StoredDocument;
import io.trunkline.ejb.workflow.api.WorkflowDocuments;
import io.trunkline.ejb.workflow.api.WorkflowNotFound;
import io.trunkline.ejb.workflow.domain.DocumentPolicy;
import io.trunkline.ejb.workflow.domain.DocumentStore;
import io.trunkline.ejb.workflow.domain.DocumentStore.NewDocument;
import io.trunkline.ejb.workflow.domain.ProcessAccess;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore.NewEvent;
import io.trunkline.ejb.workflow.infrastructure.WorkflowRuntime;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.inject.Inject;
import org.kie.api.runtime.manager.audit.ProcessInstanceLog;

/**
 * Documents of workflow instances ({@link DocumentPolicy} decides what may be stored). A document and the audit
 * trail's {@code DOCUMENT_ADDED} row are written in this bean's transaction, or in the engine's when a work-item
 * handler stores a generated file, so neither is kept without the other. Which process an instance runs, and so who
 * may see it ({@link ProcessAccess}), comes from jBPM's process log, as for the rest of the workflow API.
 */
@Stateless
public class WorkflowDocumentService implements WorkflowDocuments {

    public static final String UPLOAD = "UPLOAD";
    public static final String GENERATED = "GENERATED";

    @EJB
    private WorkflowRuntime runtime;
    @Inject
    private DocumentStore documents;
    @Inject
    private WorkflowEventStore events;
    /** The process id of an instance, null when there is none; from the runtime unless a test gives one. */
    private LongFunction<String> processOf;

    public WorkflowDocumentService() {
    }

    WorkflowDocumentService(LongFunction<String> processOf, DocumentStore documents, WorkflowEventStore events) {
        this.processOf = processOf;
        this.documents = documents;
        this.events = events;
    }

    @Override
    public DocumentView add(Caller caller, long workflowId, String name, String contentType, byte[] content) {
        String processId = readable(caller, workflowId);
        if (!ProcessAccess.of(processId, caller.roles()).acts()) {
            throw new SecurityException("user " + caller.user() + " may not add documents to workflow " + workflowId);
        }
        String checkedName = DocumentPolicy.name(name);
        String type = DocumentPolicy.upload(contentType, content, WorkflowDocuments.maxBytes());
        return stored(workflowId, processId, checkedName, UPLOAD, type, content, caller.user());
    }

    @Override
    public List<DocumentView> documents(Caller caller, long workflowId) {
        readable(caller, workflowId);
        return sql(() -> documents.forInstance(workflowId), "the documents of workflow " + workflowId);
    }

    @Override
    public Optional<StoredDocument> document(Caller caller, long workflowId, long documentId) {
        String processId = processId(workflowId);
        if (processId == null || !ProcessAccess.of(processId, caller.roles()).reads()) {
            return Optional.empty();
        }
        return sql(() -> documents.find(workflowId, documentId), "document " + documentId);
    }

    @Override
    public DocumentView store(long workflowId, String processId, String name, String contentType, byte[] content,
                              String actor) {
        String checkedName = DocumentPolicy.name(name);
        String type = DocumentPolicy.generated(contentType, content, WorkflowDocuments.maxBytes());
        return stored(workflowId, processId, checkedName, GENERATED, type, content,
                actor == null || actor.isBlank() ? "system" : actor);
    }

    private DocumentView stored(long workflowId, String processId, String name, String kind, String type,
                                byte[] content, String actor) {
        String sha256 = DocumentPolicy.sha256(content);
        // Microseconds: what PostgreSQL's timestamptz keeps, so the view answered now equals the one read later.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DocumentView view = sql(() -> documents.add(new NewDocument(workflowId, name, kind, type, sha256, content,
                actor, at)), "document " + name + " of workflow " + workflowId);
        sql(() -> {
            events.append(new NewEvent(workflowId, processId, at, actor, DocumentPolicy.EVENT_KIND, null, null, null,
                    null, null, null, null, null, DocumentPolicy.eventDetail(view)));
            return null;
        }, "the audit trail of workflow " + workflowId);
        return view;
    }

    /** @throws WorkflowNotFound no such instance, or one the caller may not read */
    private String readable(Caller caller, long workflowId) {
        String processId = processId(workflowId);
        if (processId == null || !ProcessAccess.of(processId, caller.roles()).reads()) {
            throw new WorkflowNotFound("no workflow " + workflowId);
        }
        return processId;
    }

    private String processId(long workflowId) {
        if (processOf != null) {
            return processOf.apply(workflowId);
        }
        ProcessInstanceLog log = runtime.auditLog().findProcessInstance(workflowId);
        return log == null ? null : log.getProcessId();
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    /** A storage failure fails the transaction, naming what was not stored or read. */
    private static <T> T sql(Sql<T> work, String what) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new EJBException("workflow documents: " + what + ": " + e.getMessage(), e);
        }
    }
}
