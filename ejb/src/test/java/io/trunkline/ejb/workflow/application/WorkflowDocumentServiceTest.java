package io.trunkline.ejb.workflow.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.StoredDocument;
import io.trunkline.ejb.workflow.api.WorkflowNotFound;
import io.trunkline.ejb.workflow.domain.DocumentPolicy;
import io.trunkline.ejb.workflow.domain.DocumentStore;
import io.trunkline.ejb.workflow.domain.InMemoryWorkflowEventStore;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The service over in-memory ports: access by the instance's process, the trail row with each document. */
class WorkflowDocumentServiceTest {

    private static final byte[] PDF = "%PDF-1.4\nsigned letter".getBytes(StandardCharsets.US_ASCII);
    private static final Caller COMPLIANCE = new Caller("carol", Set.of("compliance"));
    private static final Caller OPS = new Caller("oscar", Set.of("ops"));
    private static final Caller ANALYST = new Caller("ann", Set.of("analyst"));

    private final List<DocumentView> stored = new ArrayList<>();
    private final List<byte[]> bytes = new ArrayList<>();

    private final DocumentStore store = new DocumentStore() {
        @Override
        public DocumentView add(NewDocument d) {
            DocumentView v = new DocumentView(stored.size() + 1, d.workflowId(), d.name(), d.kind(), d.contentType(),
                    d.content().length, d.sha256(), d.addedBy(), d.addedAt());
            stored.add(v);
            bytes.add(d.content());
            return v;
        }

        @Override
        public List<DocumentView> forInstance(long workflowId) {
            return stored.stream().filter(v -> v.workflowId() == workflowId).toList();
        }

        @Override
        public Optional<StoredDocument> find(long workflowId, long documentId) {
            return stored.stream().filter(v -> v.workflowId() == workflowId && v.id() == documentId).findFirst()
                    .map(v -> new StoredDocument(v, bytes.get((int) v.id() - 1)));
        }
    };
    private final InMemoryWorkflowEventStore events = new InMemoryWorkflowEventStore();
    private final List<WorkflowEventStore.NewEvent> trail = events.appended;
    /** Instance 1 ports numbers, 2 claims SLA credits, nothing else exists. */
    private final WorkflowDocumentService service = new WorkflowDocumentService(
            id -> id == 1 ? "porting.NumberPort" : id == 2 ? "sla.CreditClaim" : null, store, events);

    @Test
    void anUploadIsStoredWithItsChecksumAndRecordedInTheTrail() {
        DocumentView v = service.add(COMPLIANCE, 1, "loa-signed.pdf", "application/pdf", PDF);

        assertThat(v.kind()).isEqualTo("UPLOAD");
        assertThat(v.addedBy()).isEqualTo("carol");
        assertThat(v.size()).isEqualTo(PDF.length);
        assertThat(v.sha256()).isEqualTo(DocumentPolicy.sha256(PDF)).hasSize(64);
        assertThat(trail).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("DOCUMENT_ADDED");
            assertThat(e.processInstanceId()).isEqualTo(1);
            assertThat(e.processId()).isEqualTo("porting.NumberPort");
            assertThat(e.actor()).isEqualTo("carol");
            assertThat(e.detail()).isEqualTo("loa-signed.pdf (" + PDF.length + " bytes, sha256 " + v.sha256() + ")");
        });
        assertThat(service.document(OPS, 1, v.id())).get().satisfies(d -> assertThat(d.content()).isEqualTo(PDF));
        assertThat(service.documents(OPS, 1)).containsExactly(v);
    }

    @Test
    void readersMayNotAddAndOthersDoNotSeeTheWorkflow() {
        assertThatThrownBy(() -> service.add(OPS, 1, "loa.pdf", "application/pdf", PDF)).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> service.add(ANALYST, 1, "loa.pdf", "application/pdf", PDF)).isInstanceOf(WorkflowNotFound.class);
        assertThatThrownBy(() -> service.documents(ANALYST, 1)).isInstanceOf(WorkflowNotFound.class);
        assertThatThrownBy(() -> service.add(COMPLIANCE, 99, "loa.pdf", "application/pdf", PDF)).isInstanceOf(WorkflowNotFound.class);
        assertThat(service.documents(ANALYST, 2)).isEmpty();
        assertThat(stored).isEmpty();
        assertThat(trail).isEmpty();
    }

    @Test
    void aDocumentIsFoundOnlyUnderItsOwnReadableWorkflow() {
        DocumentView v = service.add(COMPLIANCE, 1, "loa.pdf", "application/pdf", PDF);
        assertThat(service.document(ANALYST, 1, v.id())).isEmpty();
        assertThat(service.document(COMPLIANCE, 2, v.id())).isEmpty();
        assertThat(service.document(COMPLIANCE, 99, v.id())).isEmpty();
    }

    @Test
    void aRefusedUploadStoresNothing() {
        assertThatThrownBy(() -> service.add(COMPLIANCE, 1, "loa.pdf", "application/pdf", "PK\3\4".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(InvalidWorkflowInput.class);
        assertThatThrownBy(() -> service.add(COMPLIANCE, 1, "../loa.pdf", "application/pdf", PDF))
                .isInstanceOf(InvalidWorkflowInput.class);
        assertThat(stored).isEmpty();
        assertThat(trail).isEmpty();
    }

    @Test
    void theSizeLimitIsTheSystemProperty() {
        String old = System.setProperty("trunkline.documents.max-bytes", String.valueOf(PDF.length - 1));
        try {
            assertThatThrownBy(() -> service.add(COMPLIANCE, 1, "loa.pdf", "application/pdf", PDF))
                    .hasMessageContaining("limit of " + (PDF.length - 1) + " bytes");
        } finally {
            if (old == null) {
                System.clearProperty("trunkline.documents.max-bytes");
            } else {
                System.setProperty("trunkline.documents.max-bytes", old);
            }
        }
    }

    @Test
    void aGeneratedFileIsStoredForTheProcessWithItsActor() {
        byte[] zip = {'P', 'K', 3, 4, 0};
        DocumentView v = service.store(2, "sla.CreditClaim", "evidence-2026-11.zip", "application/zip", zip, null);
        assertThat(v.kind()).isEqualTo("GENERATED");
        assertThat(v.addedBy()).isEqualTo("system");
        assertThat(trail).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.processId()).isEqualTo("sla.CreditClaim");
        });
    }
}
