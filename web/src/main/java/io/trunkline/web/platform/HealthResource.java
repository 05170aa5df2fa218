package io.trunkline.web.platform;

import io.trunkline.ejb.platform.api.PlatformHealth;
import io.trunkline.web.support.JsonBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code GET /api/v1/health}: every subsystem with its state and details; 200 when all are UP, 503
 * otherwise, so a load balancer or monitor can use the status alone. Open without login, like the
 * health endpoints of other servers, and it tells no secrets.
 */
@RequestScoped
@Path("/health")
public class HealthResource {

    @EJB
    private PlatformHealth health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        PlatformHealth.Report report = health.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        body.put("checkedAt", report.checkedAt());
        List<Object> subsystems = new ArrayList<>();
        for (PlatformHealth.Subsystem s : report.subsystems()) {
            Map<String, Object> sub = new LinkedHashMap<>();
            sub.put("name", s.name());
            sub.put("status", s.status());
            sub.put("details", s.details());
            subsystems.add(sub);
        }
        body.put("subsystems", subsystems);
        int status = report.status() == PlatformHealth.Status.UP ? 200 : 503;
        return Response.status(status).entity(JsonBodies.value(body).toString()).type(MediaType.APPLICATION_JSON).build();
    }
}
