package io.trunkline.web.routing;

import io.trunkline.ejb.routing.api.RouteDecisions;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/decisions/route}: the decision for one call (the edge's question);
 * {@code GET /api/v1/decisions/{callId}}: a recent decision with its explanation trace.
 */
@RequestScoped
@Path("/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    @EJB
    private RouteDecisions decisions;

    @POST
    @Path("/route")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"edge", "ops", "analyst", "admin"})
    public String route(String body) {
        return JsonBodies.value(RoutingJson.decision(decisions.decide(RoutingJson.request(JsonBodies.object(body))))).toString();
    }

    @GET
    @Path("/{callId}")
    @RolesAllowed({"edge", "ops", "analyst", "compliance", "admin"})
    public String find(@PathParam("callId") String callId) {
        return decisions.find(callId).map(d -> JsonBodies.value(RoutingJson.decision(d)).toString())
                .orElseThrow(() -> ApiException.notFound("no recent decision for call " + callId));
    }
}
