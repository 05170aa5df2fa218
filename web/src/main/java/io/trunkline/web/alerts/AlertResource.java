package io.trunkline.web.alerts;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.alerts.api.Alerts;
import io.trunkline.ejb.alerts.api.CarrierIncidents;
import io.trunkline.web.support.JsonBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/v1/alerts?state=open|resolved}, {@code POST /api/v1/alerts/{id}/ack}, and the carriers' status-feed
 * incidents at {@code GET /api/v1/alerts/incidents}.
 */
@RequestScoped
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    @EJB
    private Alerts alerts;
    @EJB
    private CarrierIncidents incidents;

    /** {@code GET /api/v1/alerts/incidents?carrier=&open=true}: what the carriers' status feeds report. */
    @GET
    @Path("/incidents")
    @RolesAllowed({"ops", "analyst", "compliance", "admin"})
    public String incidents(@QueryParam("carrier") String carrier, @QueryParam("open") @DefaultValue("false") boolean open) {
        List<Object> out = new ArrayList<>();
        for (CarrierIncidents.CarrierIncident i : incidents.list(JsonBodies.optionalId("carrier", carrier, CarrierId::new),
                open)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("carrier", i.carrier());
            m.put("id", i.id());
            m.put("title", i.title());
            m.put("status", i.status());
            m.put("open", i.open());
            m.put("startedAt", i.startedAt());
            m.put("resolvedAt", i.resolvedAt());
            m.put("link", i.link());
            m.put("firstSeen", i.firstSeen());
            m.put("lastSeen", i.lastSeen());
            out.add(m);
        }
        return JsonBodies.value(out).toString();
    }

    @GET
    @RolesAllowed({"ops", "analyst", "compliance", "admin"})
    public String list(@QueryParam("state") String state, @QueryParam("limit") @DefaultValue("100") int limit) {
        List<Object> out = new ArrayList<>();
        for (Alerts.Alert a : alerts.list(state == null || state.isBlank() ? null : state.trim(), limit)) {
            out.add(json(a));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("evaluatedAt", alerts.evaluatedAt());
        body.put("alerts", out);
        return JsonBodies.value(body).toString();
    }

    @POST
    @Path("/{id}/ack")
    @RolesAllowed({"ops", "admin"})
    public String acknowledge(@PathParam("id") long id, @Context SecurityContext security) {
        return JsonBodies.value(json(alerts.acknowledge(id, security.getUserPrincipal().getName()))).toString();
    }

    private static Map<String, Object> json(Alerts.Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("title", a.title());
        m.put("severity", a.severity());
        m.put("origin", a.origin());
        m.put("dimension", a.dimension());
        m.put("subject", a.subject());
        m.put("state", a.state());
        m.put("details", a.details());
        m.put("raisedAt", a.raisedAt());
        m.put("updatedAt", a.updatedAt());
        m.put("acknowledgedAt", a.acknowledgedAt());
        m.put("acknowledgedBy", a.acknowledgedBy());
        m.put("resolvedAt", a.resolvedAt());
        m.put("escalation", a.escalation());
        m.put("escalatedAt", a.escalatedAt());
        m.put("occurrences", a.occurrences());
        List<Object> deliveries = new ArrayList<>();
        for (Alerts.Delivery d : a.deliveries()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("event", d.event());
            dm.put("channel", d.channel());
            dm.put("target", d.target());
            dm.put("at", d.at());
            dm.put("outcome", d.outcome());
            deliveries.add(dm);
        }
        m.put("deliveries", deliveries);
        return m;
    }
}
