package io.trunkline.web.failover;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.failover.api.FailoverTests;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.json.JsonObject;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * Failover-test workflows: {@code POST /workflows/failover-tests {"carrier", "windowSeconds"}},
 * {@code GET /workflows/failover-tests/{id}}. Their tasks are the workflow API's ({@code TaskResource}).
 */
@RequestScoped
@Path("workflows/failover-tests")
@Produces(MediaType.APPLICATION_JSON)
public class FailoverTestResource {

    @EJB
    private FailoverTests failoverTests;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"compliance", "admin"})
    public Response start(String body, @Context SecurityContext security) {
        JsonObject request = JsonBodies.object(body);
        String carrierText = JsonBodies.string(request, "carrier");
        CarrierId carrier = JsonBodies.valueOf("carrier", () -> new CarrierId(carrierText));
        long window = JsonBodies.integer(request, "windowSeconds", 1, 90L * 24 * 3600);
        long id = failoverTests.start(carrier, Duration.ofSeconds(window), security.getUserPrincipal().getName());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        return Response.created(URI.create("workflows/failover-tests/" + id)).entity(JsonBodies.value(out).toString()).build();
    }

    @GET
    @Path("{id: [0-9]+}")
    @RolesAllowed({"compliance", "ops", "admin"})
    public String workflow(@PathParam("id") long id) {
        FailoverTests.Workflow w = failoverTests.workflow(id)
                .orElseThrow(() -> ApiException.notFound("no workflow " + id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", w.id());
        out.put("processId", w.processId());
        out.put("state", w.state());
        out.put("activeSteps", w.activeSteps());
        out.put("startedAt", w.startedAt());
        out.put("endedAt", w.endedAt());
        return JsonBodies.value(out).toString();
    }
}
