package io.trunkline.web.calls;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.ejb.calls.api.CallQueries;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.ejb.calls.api.InvalidCallQuery;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.time.Instant;
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
 * {@code GET /api/v1/calls?from=&to=&pbx=&carrier=&number=&outcome=&limit=&before=}: the calls the edge reported,
 * started in {@code [from, to)} (ISO instants or dates, UTC; the last 24 hours by default), newest first, a page at a
 * time ({@code before} = the previous page's {@code next}), with the total counted up to 1,000;
 * {@code GET /api/v1/calls/{callId}}: one call's whole record; {@code GET /api/v1/calls/{callId}/ladder}: the call
 * read top to bottom with the decision that routed it.
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
                         @QueryParam("carrier") String carrier, @QueryParam("number") String number,
                         @QueryParam("outcome") String outcome, @QueryParam("limit") String limit,
                         @QueryParam("before") String before) {
        CallRecords.Query q;
        try {
            q = CallQueries.parse(from, to, pbx, carrier, number, outcome, limit, before, Instant.now());
        } catch (InvalidCallQuery e) {
            throw ApiException.badRequest(e.field(), e.reason());
        }
        return JsonBodies.value(CallJson.page(q, calls.search(q))).toString();
    }

    @GET
    @Path("/{callId}")
    public String record(@PathParam("callId") String callId) {
        return calls.record(id(callId)).orElseThrow(() -> ApiException.notFound("no call record " + callId));
    }

    @GET
    @Path("/{callId}/ladder")
    public String ladder(@PathParam("callId") String callId) {
        return calls.ladder(id(callId)).map(l -> JsonBodies.value(CallJson.ladder(l)).toString())
                .orElseThrow(() -> ApiException.notFound("no call record " + callId));
    }

    private static CallId id(String text) {
        return JsonBodies.valueOf("callId", () -> new CallId(text));
    }
}
