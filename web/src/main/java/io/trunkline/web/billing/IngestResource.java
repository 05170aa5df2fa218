package io.trunkline.web.billing;

import io.trunkline.ejb.billing.api.IngestFiles;
import io.trunkline.web.support.ApiException;
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
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

/** {@code GET /api/v1/ingest/files} and {@code /ingest/files/{id}/quarantine}: what came in and what was set aside. */
@RequestScoped
@Path("/ingest/files")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "compliance", "admin"})
public class IngestResource {

    @EJB
    private IngestFiles files;

    @GET
    public String recent(@QueryParam("limit") @DefaultValue("100") int limit) {
        List<Object> out = new ArrayList<>();
        for (IngestFiles.IngestedFile f : files.recent(limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("source", f.source());
            m.put("file", f.fileName());
            m.put("subject", f.subject());
            m.put("status", f.status());
            m.put("read", f.read());
            m.put("stored", f.stored());
            m.put("quarantined", f.quarantined());
            m.put("duplicates", f.duplicates());
            m.put("reason", f.reason());
            m.put("receivedAt", f.receivedAt());
            out.add(m);
        }
        return JsonBodies.value(out).toString();
    }

    /** The most quarantined lines one answer lists ({@code ?limit=}, 1,000 by default); the file's count has them all. */
    static final int MAX_QUARANTINED = 10_000;

    @GET
    @Path("/{id}/quarantine")
    public String quarantine(@PathParam("id") long id, @QueryParam("limit") String limit) {
        int max = 1_000;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit", "'" + limit + "' is not a whole number");
            }
            if (max < 1 || max > MAX_QUARANTINED) {
                throw ApiException.badRequest("limit", "must be between 1 and " + MAX_QUARANTINED);
            }
        }
        List<Object> out = new ArrayList<>();
        for (IngestFiles.QuarantinedRecord q : files.quarantine(id, max)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", q.source());
            m.put("line", q.lineNumber());
            m.put("raw", q.raw());
            m.put("reason", q.reason());
            out.add(m);
        }
        return JsonBodies.value(out).toString();
    }
}
