package io.trunkline.web.porting;

import io.trunkline.ejb.porting.api.Porting;
import io.trunkline.web.support.Callers;
import io.trunkline.web.support.JsonBodies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.json.JsonObject;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * Number porting besides the workflow API (a port is started with {@code POST /workflows} and process id
 * {@code porting.NumberPort}): the carriers' porting desks ({@code GET /porting/desks},
 * {@code PUT /porting/desks/{carrier} {"email","contact"}}), a port's numbers ({@code GET /porting/ports/{id}/numbers})
 * and its rescheduling before port day ({@code POST /porting/ports/{id}/reschedule {"focAt"} or {"requestedDate"}}).
 * Analysts see nothing of porting.
 */
@RequestScoped
@Path("porting")
@Produces(MediaType.APPLICATION_JSON)
public class PortingResource {

    @EJB
    private Porting porting;

    @GET
    @Path("desks")
    @RolesAllowed({"compliance", "ops", "admin"})
    public String desks() {
        return JsonBodies.value(Map.of("desks", porting.desks().stream().map(PortingResource::desk).toList())).toString();
    }

    @PUT
    @Path("desks/{carrier: [A-Za-z0-9._-]{1,64}}")
    @RolesAllowed({"compliance", "ops", "admin"})
    public String putDesk(@PathParam("carrier") String carrier, String body, @Context SecurityContext security) {
        JsonObject request = JsonBodies.object(body);
        Porting.Desk d = porting.putDesk(Callers.of(security), carrier, JsonBodies.string(request, "email"),
                JsonBodies.optionalString(request, "contact"));
        return JsonBodies.value(desk(d)).toString();
    }

    @GET
    @Path("ports/{id: [0-9]+}/numbers")
    @RolesAllowed({"compliance", "ops", "admin"})
    public String numbers(@PathParam("id") long id, @Context SecurityContext security) {
        List<Porting.PortedNumber> numbers = porting.numbers(Callers.of(security), id);
        return JsonBodies.value(Map.of("port", id, "numbers", numbers.stream().map(n -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("number", n.number());
            out.put("state", n.state());
            out.put("previousCarrier", n.previousCarrier());
            out.put("previousPbx", n.previousPbx());
            out.put("extension", n.extension());
            out.put("changedAt", n.changedAt().toString());
            return out;
        }).toList())).toString();
    }

    @POST
    @Path("ports/{id: [0-9]+}/reschedule")
    @RolesAllowed({"compliance", "admin"})
    public Response reschedule(@PathParam("id") long id, String body, @Context SecurityContext security) {
        JsonObject request = JsonBodies.object(body);
        porting.reschedule(Callers.of(security), id, JsonBodies.optionalString(request, "focAt"),
                JsonBodies.optionalString(request, "requestedDate"));
        return Response.noContent().build();
    }

    private static Map<String, Object> desk(Porting.Desk d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("carrier", d.carrier());
        out.put("email", d.email());
        if (d.contact() != null) {
            out.put("contact", d.contact());
        }
        out.put("updatedAt", d.updatedAt().toString());
        return out;
    }
}
