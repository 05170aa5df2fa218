package io.trunkline.web.calls;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/calls?from=&to=&pbx=&carrier=&limit=}: the calls the edge reported, started in
 * {@code [from, to)} (ISO instants or dates, UTC; the last 24 hours by default), newest first, with the total
 * that matched; {@code GET /api/v1/calls/{callId}}: one call's whole record with every attempt.
 */
@RequestScoped
@Path("/calls")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "compliance", "analyst", "admin"})
public class CallResource {

    @EJB
    private CallRecords calls;

    @GET
    public String search(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("pbx") String pbx,
                         @QueryParam("carrier") String carrier, @QueryParam("limit") String limit) {
        Instant end = to == null || to.isBlank() ? Instant.now().plusSeconds(1) : time("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofDays(1)) : time("from", from);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from", "must be before 'to' (" + start + " is not before " + end + ")");
        }
        int max = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit", "'" + limit + "' is not a number");
            }
            if (max < 1 || max > CallRecords.MAX_LIMIT) {
                throw ApiException.badRequest("limit", "must be 1.." + CallRecords.MAX_LIMIT);
            }
        }
        CallRecords.Page page = calls.search(start, end, pbx(pbx), carrier(carrier), max);
        List<Object> list = new ArrayList<>();
        for (CallRecords.CallSummary c : page.calls()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("callId", c.callId());
            m.put("startedAt", c.startedAt());
            m.put("node", c.node());
            m.put("direction", c.direction());
            m.put("origin", c.origin());
            m.put("pbx", c.pbx());
            m.put("callingDialed", c.callingDialed());
            m.put("calledDialed", c.calledDialed());
            m.put("calledNormalized", c.calledNormalized());
            m.put("callClass", c.callClass());
            m.put("decisionSource", c.decisionSource());
            m.put("carrier", c.carrier());
            m.put("attempts", c.attempts());
            m.put("answeredAt", c.answeredAt());
            m.put("endedAt", c.endedAt());
            m.put("durationMs", c.durationMs());
            m.put("releaseCode", c.releaseCode());
            m.put("releasedBy", c.releasedBy());
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", start);
        out.put("to", end);
        out.put("total", page.total());
        out.put("calls", list);
        return JsonBodies.value(out).toString();
    }

    @GET
    @Path("/{callId}")
    public String record(@PathParam("callId") String callId) {
        CallId id;
        try {
            id = new CallId(callId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("callId", e.getMessage());
        }
        return calls.record(id).orElseThrow(() -> ApiException.notFound("no call record " + callId));
    }

    private static Instant time(String field, String text) {
        return JsonBodies.instant(field, text);
    }

    private static PbxId pbx(String text) {
        try {
            return text == null || text.isBlank() ? null : new PbxId(text.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("pbx", e.getMessage());
        }
    }

    private static CarrierId carrier(String text) {
        try {
            return text == null || text.isBlank() ? null : new CarrierId(text.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("carrier", e.getMessage());
        }
    }
}
