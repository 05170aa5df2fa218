package io.trunkline.web.cdr;

import io.trunkline.ejb.cdr.api.CdrIntake;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.ErrorResponses;
import io.trunkline.web.support.JsonBodies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code GET /api/v1/ingest/sources}: the configured CDR sources; {@code POST /api/v1/ingest/sources/{source}/records}:
 * a batch of records in the source's own format (the body as the file would be), taken like a dropped file and
 * answered with its counts. The same batch pushed again is answered {@code DUPLICATE} and stores nothing.
 */
@RequestScoped
@Path("/ingest/sources")
@Produces(MediaType.APPLICATION_JSON)
public class CdrSourceResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    @EJB
    private CdrIntake intake;

    @GET
    @RolesAllowed({"ops", "compliance", "admin"})
    public String sources() {
        List<Object> out = new ArrayList<>();
        for (CdrIntake.Source s : intake.sources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("format", s.format());
            m.put("pbx", s.pbx());
            m.put("carrier", s.carrier());
            m.put("zone", s.zone());
            m.put("inbox", s.inbox());
            m.put("sftp", s.sftp());
            out.add(m);
        }
        return JsonBodies.value(out).toString();
    }

    @POST
    @Path("/{source}/records")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"ops", "admin"})
    public Response push(@PathParam("source") String source, @QueryParam("name") String name, byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("body", "empty: send the records as the source writes its files");
        }
        String fileName = name == null || name.isBlank() ? "push-" + Instant.now().toEpochMilli() + ".csv" : name;
        if (!NAME.matcher(fileName).matches()) {
            throw ApiException.badRequest("name", "'" + fileName + "' is not 1-200 letters, digits, '.', '_' or '-'");
        }
        if (intake.sources().stream().noneMatch(s -> s.id().equals(source))) {
            throw ApiException.notFound("no CDR source '" + source + "'");
        }
        try {
            CdrIntake.Result r = intake.push(source, fileName, body);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.fileId());
            m.put("source", r.source());
            m.put("file", r.fileName());
            m.put("status", r.status());
            m.put("read", r.read());
            m.put("stored", r.stored());
            m.put("quarantined", r.quarantined());
            m.put("duplicates", r.duplicates());
            m.put("reason", r.reason());
            m.put("quarantine", "ingest/files/" + r.fileId() + "/quarantine");
            return Response.ok(JsonBodies.value(m).toString()).build();
        } catch (CdrIntake.UnreadableBatch e) {
            return ErrorResponses.body(Response.Status.BAD_REQUEST, "unreadable_batch", e.getMessage(), "body");
        }
    }
}
