package io.trunkline.web.routing;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.routing.RoutingCodec;
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
import javax.ws.rs.core.Response;
import javax.json.JsonObject;
import javax.json.JsonValue;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;

/**
 * {@code GET /api/v1/decisions/{callId}}: a recent decision with its explanation trace; {@code POST
 * /api/v1/decisions/simulate}: a decision on a draft. (The edge's question for each call, {@code POST
 * /api/v1/decisions/route}, has a servlet of its own: {@link RouteDecisionServlet}.)
 */
@RequestScoped
@Path("/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    @EJB
    private RouteDecisions decisions;

    /**
     * {@code POST /api/v1/decisions/simulate {"rulebook", "version", "call": {...}}}: the decision a call
     * would get on a draft (or any stored) version, without activating it.
     */
    @POST
    @Path("/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"analyst", "ops", "admin"})
    public Response simulate(String body) {
        JsonObject o = JsonBodies.object(body);
        String rulebook = JsonBodies.string(o, "rulebook");
        int version = (int) JsonBodies.integer(o, "version", 1, Integer.MAX_VALUE);
        JsonValue call = o.get("call");
        if (call == null || call.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("call", "a call object {callId, source, calling, called} is required");
        }
        try {
            return Response.ok(RoutingCodec.write(
                    decisions.simulate(rulebook, version, RoutingJson.request(call.asJsonObject())))).build();
        } catch (RulebookRejectedException e) {
            throw new ApiException(Response.Status.CONFLICT, "rules_rejected", "version", e.getMessage());
        }
    }

    @GET
    @Path("/{callId}")
    @RolesAllowed({"edge", "ops", "analyst", "compliance", "admin"})
    public String find(@PathParam("callId") String callId) {
        return decisions.find(JsonBodies.valueOf("callId", () -> new CallId(callId))).map(RoutingCodec::write)
                .orElseThrow(() -> ApiException.notFound("no recent decision for call " + callId));
    }
}
