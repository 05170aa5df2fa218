package io.trunkline.web.workflow;

import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.DocumentTooLarge;
import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.StoredDocument;
import io.trunkline.ejb.workflow.api.WorkflowDocuments;
import io.trunkline.ejb.workflow.api.WorkflowEvent;
import io.trunkline.ejb.workflow.api.WorkflowState;
import io.trunkline.ejb.workflow.api.WorkflowSummary;
import io.trunkline.ejb.workflow.api.Workflows;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.Callers;
import io.trunkline.web.support.JsonBodies;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.json.JsonObject;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

/**
 * Every workflow: {@code POST /workflows {"processId", "variables"}}, {@code GET /workflows?state=&processId=&limit=},
 * {@code GET /workflows/{id}} (with active steps, variables and timeline), {@code POST /workflows/{id}/cancel
 * {"reason"}}, {@code GET /workflows/{id}/audit} as JSON, CSV or a ZIP with the documents, and the documents of a
 * workflow ({@code POST}/{@code GET /workflows/{id}/documents}, {@code GET /workflows/{id}/documents/{docId}}).
 * What the caller may not read is not found.
 */
@RequestScoped
@Path("workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    static final MediaType CSV = new MediaType("text", "csv");
    static final MediaType ZIP = new MediaType("application", "zip");
    static final int MAX_LIMIT = 1000;
    static final int MAX_REASON = 1000;

    @EJB
    private Workflows workflows;
    @EJB
    private WorkflowDocuments documents;

    @POST
    @RolesAllowed({"compliance", "admin"})
    public Response start(String body, @Context SecurityContext security) {
        JsonObject request = JsonBodies.object(body);
        String processId = JsonBodies.string(request, "processId");
        Map<String, Object> variables = WorkflowJson.flat(request, "variables", true);
        WorkflowSummary s = workflows.start(Callers.of(security), processId, variables);
        return Response.created(URI.create("workflows/" + s.id())).entity(WorkflowJson.write(WorkflowJson.summary(s))).build();
    }

    @GET
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String list(@QueryParam("state") String state, @QueryParam("processId") String processId,
                       @QueryParam("limit") @DefaultValue("100") String limit, @Context SecurityContext security) {
        List<WorkflowSummary> found = workflows.list(Callers.of(security), state(state),
                processId == null || processId.isBlank() ? null : processId.trim(), limit(limit));
        return WorkflowJson.write(Map.of("workflows", found.stream().map(WorkflowJson::summary).toList()));
    }

    @GET
    @Path("{id: [0-9]+}")
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String workflow(@PathParam("id") long id, @Context SecurityContext security) {
        return WorkflowJson.write(WorkflowJson.detail(workflows.workflow(Callers.of(security), id)
                .orElseThrow(() -> ApiException.notFound("no workflow " + id))));
    }

    @POST
    @Path("{id: [0-9]+}/cancel")
    @RolesAllowed({"compliance", "admin"})
    public String cancel(@PathParam("id") long id, String body, @Context SecurityContext security) {
        String reason = JsonBodies.string(JsonBodies.object(body), "reason").trim();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw ApiException.badRequest("reason", "must be 1 to " + MAX_REASON + " characters");
        }
        return WorkflowJson.write(WorkflowJson.summary(workflows.cancel(Callers.of(security), id, reason)));
    }

    @GET
    @Path("{id: [0-9]+}/audit")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/zip"})
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public Response audit(@PathParam("id") long id, @QueryParam("format") String format, @Context HttpHeaders headers,
                          @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        List<WorkflowEvent> events = workflows.audit(caller, id)
                .orElseThrow(() -> ApiException.notFound("no workflow " + id));
        // A link in a page cannot set Accept: ?format=csv|zip|json says the same.
        MediaType wanted = format == null ? auditFormat(headers.getAcceptableMediaTypes()) : switch (format) {
            case "csv" -> CSV;
            case "zip" -> ZIP;
            case "json" -> MediaType.APPLICATION_JSON_TYPE;
            default -> throw ApiException.badRequest("format", "must be csv, zip or json");
        };
        if (wanted == CSV) {
            return Response.ok(WorkflowAuditCsv.csv(events), CSV.withCharset("UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"workflow-" + id + "-audit.csv\"").build();
        }
        String json = WorkflowJson.write(auditJson(id, events));
        if (wanted == ZIP) {
            // Read before the answer is streamed: a document the caller may read is in the export, or none is.
            List<StoredDocument> files = new ArrayList<>();
            for (DocumentView d : documents.documents(caller, id)) {
                documents.document(caller, id, d.id()).ifPresent(files::add);
            }
            String csv = WorkflowAuditCsv.csv(events);
            StreamingOutput zip = out -> WorkflowAuditZip.write(out, json, csv, files);
            return Response.ok(zip, ZIP)
                    .header("Content-Disposition", "attachment; filename=\"workflow-" + id + "-evidence.zip\"").build();
        }
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Map<String, Object> auditJson(long id, List<WorkflowEvent> events) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workflow", id);
        out.put("events", events.stream().map(WorkflowJson::event).toList());
        return out;
    }

    static boolean wantsCsv(List<MediaType> acceptable) {
        return auditFormat(acceptable) == CSV;
    }

    /** CSV or ZIP only when the client prefers it to JSON ({@code *}{@code /*} and no Accept mean JSON). */
    static MediaType auditFormat(List<MediaType> acceptable) {
        for (MediaType m : acceptable) {
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return MediaType.APPLICATION_JSON_TYPE;
            }
            if (m.isCompatible(CSV)) {
                return CSV;
            }
            if (m.isCompatible(ZIP)) {
                return ZIP;
            }
        }
        return MediaType.APPLICATION_JSON_TYPE;
    }

    /**
     * Adds a document (a signed LOA scan...): the raw body with its {@code Content-Type}, read here with the
     * documents' own bound ({@link WorkflowDocuments#maxBytes()}), not the API's general one, which
     * {@code RequestBodyLimit} leaves to this method.
     */
    @POST
    @Path("{id: [0-9]+}/documents")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"compliance", "admin"})
    public Response addDocument(@PathParam("id") long id, @QueryParam("name") String name, @Context HttpHeaders headers,
                                @Context HttpServletRequest request, @Context SecurityContext security) throws IOException {
        long limit = WorkflowDocuments.maxBytes();
        // Refused before reading when the declared length says so; over HTTP/2 the body is read (RequestBodyLimit).
        if (headers.getLength() > limit && !request.getProtocol().startsWith("HTTP/2")) {
            throw new DocumentTooLarge(limit);
        }
        byte[] content = DocumentTransfer.readAtMost(request.getInputStream(), limit);
        if (content.length > limit) {
            throw new DocumentTooLarge(limit);
        }
        MediaType type = headers.getMediaType();
        DocumentView v = documents.add(Callers.of(security), id, name, type == null ? null : type.toString(), content);
        return Response.created(URI.create("workflows/" + id + "/documents/" + v.id()))
                .entity(WorkflowJson.write(WorkflowJson.document(v))).build();
    }

    @GET
    @Path("{id: [0-9]+}/documents")
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String documents(@PathParam("id") long id, @Context SecurityContext security) {
        List<DocumentView> found = documents.documents(Callers.of(security), id);
        return WorkflowJson.write(Map.of("documents", found.stream().map(WorkflowJson::document).toList()));
    }

    @GET
    @Path("{id: [0-9]+}/documents/{docId: [0-9]+}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public Response document(@PathParam("id") long id, @PathParam("docId") long docId, @Context SecurityContext security) {
        StoredDocument d = documents.document(Callers.of(security), id, docId)
                .orElseThrow(() -> ApiException.notFound("no document " + docId + " of workflow " + id));
        return Response.ok(d.content(), d.view().contentType())
                .header("Content-Disposition", DocumentTransfer.attachment(d.view().name()))
                .header("ETag", "\"" + d.view().sha256() + "\"")
                .header("Digest", DocumentTransfer.digest(d.view().sha256()))
                // Served as stored, never as what a browser might sniff it to be.
                .header("X-Content-Type-Options", "nosniff").build();
    }

    static WorkflowState state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return WorkflowState.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state", "must be one of active, completed, aborted, pending, suspended");
        }
    }

    static int limit(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
