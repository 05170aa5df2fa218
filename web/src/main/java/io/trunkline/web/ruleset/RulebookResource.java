package io.trunkline.web.ruleset;

import io.trunkline.ejb.ruleset.api.RuleBase;
import io.trunkline.ejb.ruleset.api.RuleProblem;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * The rulebooks and their files: download the active table, upload a replacement. An upload that does
 * not compile is answered 422 with every problem located by file, sheet and row; the active version
 * stays as it was.
 */
@RequestScoped
@Path("/rulebooks")
@Produces(MediaType.APPLICATION_JSON)
public class RulebookResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @EJB
    private RuleBase ruleBase;

    @GET
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String list() {
        List<Object> out = new ArrayList<>();
        for (RulebookVersion v : ruleBase.activeVersions()) {
            out.add(view(v));
        }
        return JsonBodies.value(out).toString();
    }

    @GET
    @Path("/{rulebook}")
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String active(@PathParam("rulebook") String rulebook) {
        return ruleBase.active(rulebook).map(v -> JsonBodies.value(view(v)).toString())
                .orElseThrow(() -> ApiException.notFound("no rulebook named " + rulebook));
    }

    @GET
    @Path("/{rulebook}/files/{file}")
    @Produces({XLSX, "text/plain", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({"analyst", "admin"})
    public Response download(@PathParam("rulebook") String rulebook, @PathParam("file") String file) {
        byte[] content = ruleBase.resource(rulebook, file)
                .orElseThrow(() -> ApiException.notFound("rulebook " + rulebook + " has no file " + file));
        String type = file.endsWith(".xlsx") ? XLSX : file.endsWith(".drl") ? "text/plain" : MediaType.APPLICATION_OCTET_STREAM;
        return Response.ok(content, type).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    @PUT
    @Path("/{rulebook}/files/{file}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"analyst", "admin"})
    public Response upload(@PathParam("rulebook") String rulebook, @PathParam("file") String file,
                           @HeaderParam("X-Change-Comment") String comment, byte[] content,
                           @Context SecurityContext security) {
        if (ruleBase.active(rulebook).isEmpty()) {
            throw ApiException.notFound("no rulebook named " + rulebook);
        }
        try {
            RulebookVersion v = ruleBase.replace(rulebook, file, content, security.getUserPrincipal().getName(),
                    comment == null ? "" : comment);
            return Response.ok(JsonBodies.value(view(v)).toString()).build();
        } catch (RulebookRejectedException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "rules_rejected");
            body.put("message", e.getMessage());
            body.put("status", 422);
            List<Object> problems = new ArrayList<>();
            for (RuleProblem p : e.problems()) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("resource", p.resource());
                problem.put("sheet", p.sheet());
                problem.put("row", p.row());
                problem.put("message", p.message());
                problems.add(problem);
            }
            body.put("problems", problems);
            return Response.status(422).entity(JsonBodies.value(body).toString()).build();
        }
    }

    static Map<String, Object> view(RulebookVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rulebook", v.rulebook());
        m.put("version", v.version());
        m.put("label", v.label());
        m.put("checksum", v.checksum());
        m.put("files", v.resources());
        m.put("createdAt", v.createdAt());
        m.put("author", v.author());
        m.put("comment", v.comment());
        return m;
    }
}
