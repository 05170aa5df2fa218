package io.trunkline.web.workflow;

import io.trunkline.ejb.workflow.api.WorkflowEvent;
import io.trunkline.ejb.workflow.api.WorkflowState;
import io.trunkline.ejb.workflow.api.WorkflowSummary;
import io.trunkline.ejb.workflow.api.Workflows;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.Callers;
import io.trunkline.web.support.JsonBodies;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.json.JsonObject;
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

/**
 * Every workflow: {@code POST /workflows {"processId", "variables"}}, {@code GET /workflows?state=&processId=&limit=},
 * {@code GET /workflows/{id}} (with active steps, variables and timeline), {@code POST /workflows/{id}/cancel
 * {"reason"}}, {@code GET /workflows/{id}/audit} as JSON or CSV. What the caller may not read is not found.
 */
@RequestScoped
@Path("workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    static final MediaType CSV = new MediaType("text", "csv");
    static final int MAX_LIMIT = 1000;
    static final int MAX_REASON = 1000;

    @EJB
    private Workflows workflows;

    @POST
    @RolesAllowed({"compliance", "admin"})
    public Response start(String body, @Context SecurityContext security) {
        JsonObject request = JsonBodies.object(body);
        String processId = JsonBodies.string(request, "processId");
        Map<String, Object> variables = WorkflowJson.flat(request, "variables");
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
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public Response audit(@PathParam("id") long id, @Context HttpHeaders headers, @Context SecurityContext security) {
        List<WorkflowEvent> events = workflows.audit(Callers.of(security), id)
                .orElseThrow(() -> ApiException.notFound("no workflow " + id));
        if (wantsCsv(headers.getAcceptableMediaTypes())) {
            return Response.ok(WorkflowAuditCsv.csv(events), CSV.withCharset("UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"workflow-" + id + "-audit.csv\"").build();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workflow", id);
        out.put("events", events.stream().map(WorkflowJson::event).toList());
        return Response.ok(WorkflowJson.write(out), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** CSV only when the client prefers it to JSON ({@code *}{@code /*} and no Accept mean JSON). */
    static boolean wantsCsv(List<MediaType> acceptable) {
        for (MediaType m : acceptable) {
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (m.isCompatible(CSV)) {
                return true;
            }
        }
        return false;
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
