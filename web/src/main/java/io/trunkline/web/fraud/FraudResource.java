package io.trunkline.web.fraud;

import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.fraud.api.FraudControl;
import io.trunkline.ejb.fraud.api.FraudSubject;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * The fraud counters and blocks, for ops: {@code GET|DELETE /api/v1/fraud/counters/{subject}} and
 * {@code GET /api/v1/fraud/blocks}, {@code GET|DELETE /api/v1/fraud/blocks/{subject}}, where a subject is
 * {@code extensions/{pbx}/{extension}}, {@code pbxs/{pbx}} or {@code prefixes/{prefix}}; a DELETE needs
 * {@code ?reason=} (it goes to the audit trail, {@code GET /api/v1/fraud/audit?subject=&limit=}).
 */
@RequestScoped
@Path("/fraud")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "admin"})
public class FraudResource {

    private static final int MAX_REASON = 500;

    @EJB
    private FraudControl fraud;
    @Context
    private SecurityContext security;

    @GET
    @Path("/counters/extensions/{pbx}/{extension}")
    public String extensionCounters(@PathParam("pbx") String pbx, @PathParam("extension") String extension) {
        return counters(extension(pbx, extension));
    }

    @GET
    @Path("/counters/pbxs/{pbx}")
    public String pbxCounters(@PathParam("pbx") String pbx) {
        return counters(pbx(pbx));
    }

    @GET
    @Path("/counters/prefixes/{prefix}")
    public String prefixCounters(@PathParam("prefix") String prefix) {
        return counters(prefix(prefix));
    }

    @DELETE
    @Path("/counters/extensions/{pbx}/{extension}")
    public String resetExtension(@PathParam("pbx") String pbx, @PathParam("extension") String extension,
                                 @QueryParam("reason") String reason) {
        return reset(extension(pbx, extension), reason);
    }

    @DELETE
    @Path("/counters/pbxs/{pbx}")
    public String resetPbx(@PathParam("pbx") String pbx, @QueryParam("reason") String reason) {
        return reset(pbx(pbx), reason);
    }

    @DELETE
    @Path("/counters/prefixes/{prefix}")
    public String resetPrefix(@PathParam("prefix") String prefix, @QueryParam("reason") String reason) {
        return reset(prefix(prefix), reason);
    }

    @GET
    @Path("/blocks")
    public String blocks() {
        List<Object> out = new ArrayList<>();
        fraud.blocks().forEach(b -> out.add(block(b)));
        return JsonBodies.value(Map.of("blocks", out)).toString();
    }

    @DELETE
    @Path("/blocks/extensions/{pbx}/{extension}")
    public String liftExtension(@PathParam("pbx") String pbx, @PathParam("extension") String extension,
                                @QueryParam("reason") String reason) {
        return lift(extension(pbx, extension), reason);
    }

    @DELETE
    @Path("/blocks/pbxs/{pbx}")
    public String liftPbx(@PathParam("pbx") String pbx, @QueryParam("reason") String reason) {
        return lift(pbx(pbx), reason);
    }

    @DELETE
    @Path("/blocks/prefixes/{prefix}")
    public String liftPrefix(@PathParam("prefix") String prefix, @QueryParam("reason") String reason) {
        return lift(prefix(prefix), reason);
    }

    @GET
    @Path("/audit")
    public String audit(@QueryParam("subject") String subject, @QueryParam("limit") String limit) {
        FraudSubject s = subject == null || subject.isBlank() ? null : JsonBodies.valueOf("subject", () -> FraudSubject.parse(subject.trim()));
        int n = limit(limit);
        List<Object> out = new ArrayList<>();
        for (FraudControl.AuditEntry e : fraud.audit(s, n)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("subject", e.subject());
            m.put("reason", e.reason());
            m.put("details", e.details());
            out.add(m);
        }
        return JsonBodies.value(Map.of("entries", out)).toString();
    }

    private String counters(FraudSubject subject) {
        FraudControl.SubjectCounters c = fraud.counters(subject);
        List<Object> filters = new ArrayList<>();
        for (FraudControl.Counters f : c.counters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filter", f.filter());
            m.put("callsPerMinute", f.callsPerMinute());
            m.put("concurrentCalls", f.concurrentCalls());
            m.put("distinctDestinationsPerHour", f.distinctDestinationsPerHour());
            m.put("answeredPerHour", f.answeredPerHour());
            m.put("shortCallsPerHour", f.shortCallsPerHour());
            m.put("spendPerHour", f.spendPerHour());
            filters.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", c.subject());
        body.put("source", c.source());
        body.put("readAt", c.readAt());
        body.put("counters", filters);
        fraud.block(subject).ifPresent(b -> body.put("block", block(b)));
        return JsonBodies.value(body).toString();
    }

    private String reset(FraudSubject subject, String reason) {
        String why = reason(reason);
        boolean had = fraud.reset(subject, security.getUserPrincipal().getName(), why);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject.key());
        body.put("reset", had);
        return JsonBodies.value(body).toString();
    }

    private String lift(FraudSubject subject, String reason) {
        String why = reason(reason);
        if (!fraud.lift(subject, security.getUserPrincipal().getName(), why)) {
            throw ApiException.notFound("no block in force for " + subject.key());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject.key());
        body.put("lifted", true);
        return JsonBodies.value(body).toString();
    }

    private static Map<String, Object> block(FraudControl.BlockEntry b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", b.subject());
        m.put("by", b.by());
        m.put("reason", b.reason());
        m.put("at", b.at());
        m.put("until", b.until());
        return m;
    }

    static FraudSubject extension(String pbx, String extension) {
        PbxId id = JsonBodies.valueOf("pbx", () -> new PbxId(pbx));
        return JsonBodies.valueOf("extension", () -> FraudSubject.extension(id, extension));
    }

    static FraudSubject pbx(String pbx) {
        return FraudSubject.pbx(JsonBodies.valueOf("pbx", () -> new PbxId(pbx)));
    }

    static FraudSubject prefix(String prefix) {
        return JsonBodies.valueOf("prefix", () -> FraudSubject.prefix(prefix));
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("reason", "is required: it is kept in the audit trail");
        }
        if (reason.length() > MAX_REASON) {
            throw ApiException.badRequest("reason", "at most " + MAX_REASON + " characters");
        }
        return reason.trim();
    }

    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n < 1 || n > 1_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit", "must be a whole number from 1 to 1000, got '" + limit + "'");
        }
    }
}
