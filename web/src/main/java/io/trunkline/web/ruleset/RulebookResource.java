package io.trunkline.web.ruleset;

import io.trunkline.ejb.routing.api.ScenarioOutcome;
import io.trunkline.ejb.routing.api.Scenarios;
import io.trunkline.ejb.ruleset.api.NoSuchVersionException;
import io.trunkline.ejb.ruleset.api.RuleBase;
import io.trunkline.ejb.ruleset.api.RuleProblem;
import io.trunkline.ejb.ruleset.api.RulebookReview;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.ejb.ruleset.api.ScenariosFailedException;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * The rulebooks and their lifecycle. Download the active table; upload a new version (compiled, stored
 * as a draft, tried on the test scenarios); activate it (refused 409 while a scenario fails); roll back
 * to an earlier version. A file that does not compile, or whose enumerated cells (strategy, class, floor
 * action, carrier and PBX ids...) hold a value outside their column's, is refused 422 with every problem
 * located by file, sheet, row and column (with its title and allowed values), and nothing changes. A stored version
 * is linted (its rows against each other and against master data) and two versions compared cell by cell.
 */
@RequestScoped
@Path("/rulebooks")
@Produces(MediaType.APPLICATION_JSON)
public class RulebookResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Logger LOG = Logger.getLogger(RulebookResource.class.getName());

    @EJB
    private RuleBase ruleBase;
    @EJB
    private Scenarios scenarios;
    @EJB
    private RulebookReview review;

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
    @Path("/{rulebook: [a-z]+}")
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String active(@PathParam("rulebook") String rulebook) {
        return ruleBase.active(rulebook).map(v -> JsonBodies.value(view(v)).toString())
                .orElseThrow(() -> ApiException.notFound("no rulebook named " + rulebook));
    }

    @GET
    @Path("/{rulebook: [a-z]+}/files/{file}")
    @Produces({XLSX, "text/plain", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({"analyst", "admin"})
    public Response download(@PathParam("rulebook") String rulebook, @PathParam("file") String file) {
        return file(file, ruleBase.resource(rulebook, file)
                .orElseThrow(() -> ApiException.notFound("rulebook " + rulebook + " has no file " + file)));
    }

    /** Upload and activate in one step (a draft that fails a scenario is kept, not activated: 409). */
    @PUT
    @Path("/{rulebook: [a-z]+}/files/{file}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"analyst", "admin"})
    public Response replace(@PathParam("rulebook") String rulebook, @PathParam("file") String file,
                            @HeaderParam("X-Change-Comment") String comment, byte[] content,
                            @Context SecurityContext security) {
        known(rulebook);
        try {
            return Response.ok(JsonBodies.value(outcome(ruleBase.replace(rulebook, file, content, user(security),
                    comment == null ? "" : comment))).toString()).build();
        } catch (RulebookRejectedException e) {
            return rejected(e);
        } catch (ScenariosFailedException e) {
            return scenariosFailed(e);
        }
    }

    @GET
    @Path("/{rulebook: [a-z]+}/versions")
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String versions(@PathParam("rulebook") String rulebook) {
        known(rulebook);
        List<Object> out = new ArrayList<>();
        for (RuleBase.VersionStatus s : ruleBase.versions(rulebook)) {
            Map<String, Object> m = view(s.version());
            m.put("status", s.status());
            m.put("activatedAt", s.activatedAt());
            m.put("activatedBy", s.activatedBy());
            out.add(m);
        }
        return JsonBodies.value(out).toString();
    }

    /** Upload a new version as a draft: {@code X-File-Name} names the file it replaces. */
    @POST
    @Path("/{rulebook: [a-z]+}/versions")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"analyst", "admin"})
    public Response draft(@PathParam("rulebook") String rulebook, @HeaderParam("X-File-Name") String file,
                          @HeaderParam("X-Change-Comment") String comment, byte[] content,
                          @Context SecurityContext security) {
        known(rulebook);
        if (file == null || file.isBlank()) {
            throw ApiException.badRequest("X-File-Name", "name the file the upload replaces, e.g. RoutingPolicy.drl.xlsx");
        }
        try {
            RuleBase.Outcome o = ruleBase.draft(rulebook, file, content, user(security), comment == null ? "" : comment);
            Map<String, Object> body = outcome(o);
            body.put("lint", draftLint(rulebook, o.version().version()));
            return Response.created(URI.create("rulebooks/" + rulebook + "/versions/" + o.version().version()))
                    .entity(JsonBodies.value(body).toString()).build();
        } catch (RulebookRejectedException e) {
            return rejected(e);
        }
    }

    /**
     * The new draft's lint report, which the analyst expects with the upload's answer; null when the linter failed,
     * as the draft is stored by then and its upload must not read as refused ({@code GET .../lint} tries again).
     */
    private Map<String, Object> draftLint(String rulebook, int version) {
        try {
            return RulebookReviewJson.lint(review.lint(rulebook, version));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lint of " + rulebook + "@" + version + " failed after its upload", e);
            return null;
        }
    }

    /** The linter's findings on a stored version, against master data as it is now. */
    @GET
    @Path("/{rulebook: [a-z]+}/versions/{version: [0-9]+}/lint")
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String lint(@PathParam("rulebook") String rulebook, @PathParam("version") int version) {
        known(rulebook);
        try {
            return JsonBodies.value(RulebookReviewJson.lint(review.lint(rulebook, version))).toString();
        } catch (NoSuchVersionException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    /** What changed from one stored version to another, cell by cell (line by line for DRL). */
    @GET
    @Path("/{rulebook: [a-z]+}/diff")
    @RolesAllowed({"analyst", "compliance", "admin"})
    public String diff(@PathParam("rulebook") String rulebook, @QueryParam("from") String from,
                       @QueryParam("to") String to) {
        known(rulebook);
        int f = RulebookReviewJson.version("from", from);
        int t = RulebookReviewJson.version("to", to);
        try {
            return JsonBodies.value(RulebookReviewJson.diff(review.diff(rulebook, f, t))).toString();
        } catch (NoSuchVersionException e) {
            throw ApiException.badRequest(e.version() == f ? "from" : "to", e.getMessage());
        }
    }

    @GET
    @Path("/{rulebook: [a-z]+}/versions/{version: [0-9]+}/files/{file}")
    @Produces({XLSX, "text/plain", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({"analyst", "compliance", "admin"})
    public Response versionFile(@PathParam("rulebook") String rulebook, @PathParam("version") int version,
                                @PathParam("file") String file) {
        known(rulebook);
        return file(file, ruleBase.versionFile(rulebook, version, file)
                .orElseThrow(() -> ApiException.notFound(rulebook + " version " + version + " has no file " + file)));
    }

    @POST
    @Path("/{rulebook: [a-z]+}/versions/{version: [0-9]+}/activate")
    @RolesAllowed({"analyst", "admin"})
    public Response activate(@PathParam("rulebook") String rulebook, @PathParam("version") int version,
                             @Context SecurityContext security) {
        known(rulebook);
        try {
            return Response.ok(JsonBodies.value(outcome(ruleBase.activate(rulebook, version, user(security)))).toString()).build();
        } catch (RulebookRejectedException e) {
            return rejected(e);
        } catch (ScenariosFailedException e) {
            return scenariosFailed(e);
        }
    }

    @POST
    @Path("/{rulebook: [a-z]+}/versions/{version: [0-9]+}/rollback")
    @RolesAllowed({"analyst", "admin"})
    public Response rollback(@PathParam("rulebook") String rulebook, @PathParam("version") int version,
                             @Context SecurityContext security) {
        known(rulebook);
        try {
            return Response.ok(JsonBodies.value(outcome(ruleBase.rollback(rulebook, version, user(security)))).toString()).build();
        } catch (RulebookRejectedException e) {
            return rejected(e);
        }
    }

    @GET
    @Path("/scenarios")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public Response scenarios() {
        return Response.ok(scenarios.asCsv(), "text/csv").build();
    }

    /** Replaces every test scenario with a CSV file's. */
    @PUT
    @Path("/scenarios")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({"analyst", "admin"})
    public String putScenarios(byte[] csv) {
        int count = scenarios.replaceAll(csv);
        return JsonBodies.value(Map.of("scenarios", count)).toString();
    }

    /** Runs the test scenarios on the active versions. */
    @POST
    @Path("/scenarios/run")
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String runScenarios() {
        return JsonBodies.value(results(ruleBase.runScenarios())).toString();
    }

    private void known(String rulebook) {
        if (ruleBase.active(rulebook).isEmpty()) {
            throw ApiException.notFound("no rulebook named " + rulebook);
        }
    }

    private static String user(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    private static Response file(String name, byte[] content) {
        String type = name.endsWith(".xlsx") ? XLSX : name.endsWith(".drl") ? "text/plain" : MediaType.APPLICATION_OCTET_STREAM;
        return Response.ok(content, type).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static Response rejected(RulebookRejectedException e) {
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
            problem.put("column", p.column());
            if (p.header() != null) {
                problem.put("header", p.header());
            }
            if (p.allowed() != null) {
                problem.put("allowed", p.allowed());
            }
            problem.put("message", p.message());
            problems.add(problem);
        }
        body.put("problems", problems);
        return Response.status(422).entity(JsonBodies.value(body).toString()).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response scenariosFailed(ScenariosFailedException e) {
        Map<String, Object> body = outcome(e.outcome());
        body.put("error", "scenarios_failed");
        body.put("message", e.getMessage());
        body.put("status", 409);
        return Response.status(409).entity(JsonBodies.value(body).toString()).type(MediaType.APPLICATION_JSON).build();
    }

    private static Map<String, Object> outcome(RuleBase.Outcome o) {
        Map<String, Object> m = view(o.version());
        m.put("status", o.status());
        m.put("scenariosPass", o.scenariosPass());
        m.put("scenarios", results(o.scenarios()));
        return m;
    }

    private static List<Object> results(List<ScenarioOutcome> outcomes) {
        List<Object> out = new ArrayList<>();
        for (ScenarioOutcome s : outcomes) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", s.name());
            r.put("passed", s.passed());
            r.put("detail", s.detail());
            out.add(r);
        }
        return out;
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
