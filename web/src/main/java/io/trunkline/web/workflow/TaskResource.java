package io.trunkline.web.workflow;

import io.trunkline.ejb.workflow.api.WorkflowTasks;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.Callers;
import io.trunkline.web.support.JsonBodies;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * The human tasks of every workflow, for the logged-in user: {@code GET /tasks[?state=open|all]} (an array),
 * {@code GET /tasks/{id}} (with its inputs), {@code POST /tasks/{id}/claim}, {@code POST /tasks/{id}/complete
 * {"data": {...}}} (an empty body is no data).
 */
@RequestScoped
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    @EJB
    private WorkflowTasks tasks;

    @GET
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String tasks(@QueryParam("state") String state, @Context SecurityContext security) {
        boolean openOnly;
        if (state == null || state.isBlank() || state.trim().equals("open")) {
            openOnly = true;
        } else if (state.trim().equals("all")) {
            openOnly = false;
        } else {
            throw ApiException.badRequest("state", "must be open or all");
        }
        return WorkflowJson.write(WorkflowJson.tasks(tasks.tasks(Callers.of(security), openOnly)));
    }

    @GET
    @Path("{id: [0-9]+}")
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String task(@PathParam("id") long id, @Context SecurityContext security) {
        return WorkflowJson.write(WorkflowJson.task(tasks.task(Callers.of(security), id)
                .orElseThrow(() -> ApiException.notFound("no task " + id)), true));
    }

    @POST
    @Path("{id: [0-9]+}/claim")
    @RolesAllowed({"compliance", "admin"})
    public String claim(@PathParam("id") long id, @Context SecurityContext security) {
        return WorkflowJson.write(WorkflowJson.task(tasks.claim(Callers.of(security), id), false));
    }

    @POST
    @Path("{id: [0-9]+}/complete")
    @RolesAllowed({"compliance", "admin"})
    public Response complete(@PathParam("id") long id, String body, @Context SecurityContext security) {
        tasks.complete(Callers.of(security), id, data(body));
        return Response.noContent().build();
    }

    /** The completion's {@code data}; an empty body completes with none. */
    static Map<String, Object> data(String body) {
        return body == null || body.isBlank() ? Map.of() : WorkflowJson.flat(JsonBodies.object(body), "data");
    }
}
