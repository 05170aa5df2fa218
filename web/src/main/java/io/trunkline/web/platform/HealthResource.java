package io.trunkline.web.platform;

import io.trunkline.ejb.platform.api.PlatformHealth;
import io.trunkline.web.support.JsonBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/v1/health}: every subsystem with its state; 200 when all are UP, 503 otherwise, so a load
 * balancer or monitor can use the status alone. Open without login, like the health endpoints of other servers,
 * but a caller without the ops role (or admin) gets only the states: the details (inbox directories, database
 * product and schema version, edge members and their addresses) map the installation for an attacker (OWASP API
 * Security Top 10 2023, API3 "Broken Object Property Level Authorization"; Spring Boot's {@code show-details:
 * when-authorized} does the same).
 */
@RequestScoped
@Path("/health")
public class HealthResource {

    /** The roles that see every subsystem's details. */
    static final Set<String> DETAIL_ROLES = Set.of("ops", "admin");

    @EJB
    private PlatformHealth health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health(@Context SecurityContext security) {
        PlatformHealth.Report report = health.check();
        boolean details = security != null && DETAIL_ROLES.stream().anyMatch(security::isUserInRole);
        int status = report.status() == PlatformHealth.Status.UP ? 200 : 503;
        return Response.status(status).entity(JsonBodies.value(body(report, details)).toString())
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** The report as JSON values: with {@code details} every subsystem's details and the time of the check. */
    static Map<String, Object> body(PlatformHealth.Report report, boolean details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        if (details) {
            body.put("checkedAt", report.checkedAt());
        }
        List<Object> subsystems = new ArrayList<>();
        for (PlatformHealth.Subsystem s : report.subsystems()) {
            Map<String, Object> sub = new LinkedHashMap<>();
            sub.put("name", s.name());
            sub.put("status", s.status());
            if (details) {
                sub.put("details", s.details());
            }
            subsystems.add(sub);
        }
        body.put("subsystems", subsystems);
        return body;
    }
}
