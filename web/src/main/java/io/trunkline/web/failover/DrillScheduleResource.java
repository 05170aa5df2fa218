package io.trunkline.web.failover;

import io.trunkline.ejb.failover.api.FailoverDrills;
import io.trunkline.web.support.Callers;
import io.trunkline.web.support.JsonBodies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.json.JsonObject;
import javax.json.JsonString;
import javax.json.JsonValue;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * The carriers' failover drill schedules: {@code GET /failover-drills/schedules},
 * {@code PUT /failover-drills/schedules/{carrier} {"sourcePbx","testNumbers","expectCarrier","maxAddedSetupMs",
 * "days","time","zone","enabled"}} and {@code DELETE /failover-drills/schedules/{carrier}}, for ops and compliance.
 * A drill is started on demand with {@code POST /workflows} and process id {@code failover.FailoverDrill}.
 */
@RequestScoped
@Path("failover-drills/schedules")
@Produces(MediaType.APPLICATION_JSON)
public class DrillScheduleResource {

    @EJB
    private FailoverDrills drills;

    @GET
    @RolesAllowed({"compliance", "ops", "admin"})
    public String list() {
        return JsonBodies.value(Map.of("schedules", drills.schedules().stream().map(DrillScheduleResource::view).toList()))
                .toString();
    }

    @PUT
    @Path("{carrier: [A-Za-z0-9._-]{1,64}}")
    @RolesAllowed({"compliance", "ops", "admin"})
    public String put(@PathParam("carrier") String carrier, String body, @Context SecurityContext security) {
        JsonObject o = JsonBodies.object(body);
        List<String> numbers = o.get("testNumbers") instanceof JsonString s ? List.of(s.getString().split("[,;\\s]+"))
                : JsonBodies.strings(o, "testNumbers");
        Integer max = o.containsKey("maxAddedSetupMs") && o.get("maxAddedSetupMs") != JsonValue.NULL
                ? (int) JsonBodies.integer(o, "maxAddedSetupMs", 0, 60_000) : null;
        boolean enabled = !o.containsKey("enabled") || JsonBodies.bool(o, "enabled");
        FailoverDrills.Schedule s = drills.put(Callers.of(security), carrier, new FailoverDrills.ScheduleRequest(
                JsonBodies.string(o, "sourcePbx"), numbers, JsonBodies.optionalString(o, "expectCarrier"), max,
                JsonBodies.string(o, "days"), JsonBodies.string(o, "time"), JsonBodies.string(o, "zone"), enabled));
        return JsonBodies.value(view(s)).toString();
    }

    @DELETE
    @Path("{carrier: [A-Za-z0-9._-]{1,64}}")
    @RolesAllowed({"compliance", "ops", "admin"})
    public Response delete(@PathParam("carrier") String carrier, @Context SecurityContext security) {
        drills.delete(Callers.of(security), carrier);
        return Response.noContent().build();
    }

    private static Map<String, Object> view(FailoverDrills.Schedule s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("carrier", s.carrier());
        out.put("sourcePbx", s.sourcePbx());
        out.put("testNumbers", s.testNumbers());
        out.put("expectCarrier", s.expectCarrier());
        out.put("maxAddedSetupMs", s.maxAddedSetupMs());
        out.put("days", s.days());
        out.put("time", s.time());
        out.put("zone", s.zone());
        out.put("enabled", s.enabled());
        out.put("updatedBy", s.updatedBy());
        out.put("updatedAt", s.updatedAt());
        out.put("lastStartedAt", s.lastStartedAt());
        out.put("lastWorkflowId", s.lastWorkflowId());
        return out;
    }
}
