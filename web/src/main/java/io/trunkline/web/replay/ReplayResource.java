package io.trunkline.web.replay;

import io.trunkline.ejb.replay.api.ReplayConflict;
import io.trunkline.ejb.replay.api.ReplayNotFound;
import io.trunkline.ejb.replay.api.ReplayRefused;
import io.trunkline.ejb.replay.api.ReplayRequest;
import io.trunkline.ejb.replay.api.ReplayRun;
import io.trunkline.ejb.replay.api.Replays;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.json.JsonObject;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * Replays of recorded calls through a stored rulebook version (what-if), as background jobs:
 * {@code POST /replays {"rulebook","version","from","to"}} (202, {@code Location: replays/{id}}),
 * {@code GET /replays?rulebook=&version=&limit=} (newest first, without samples), {@code GET /replays/{id}} (with
 * the summary and the sample of changed calls) and {@code POST /replays/{id}/cancel}. Analysts and admins start and
 * cancel; compliance and ops read too.
 */
@RequestScoped
@Path("/replays")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @EJB
    private Replays replays;

    @POST
    @RolesAllowed({"analyst", "admin"})
    public Response start(String body, @Context SecurityContext security) {
        ReplayRequest request = request(body);
        ReplayRun run = answer(() -> replays.start(request, security.getUserPrincipal().getName()));
        return Response.accepted(JsonBodies.value(view(run)).toString())
                .location(URI.create("replays/" + run.id())).build();
    }

    @GET
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String list(@QueryParam("rulebook") String rulebook, @QueryParam("version") String version,
                       @QueryParam("limit") String limit) {
        Integer v = version == null || version.isBlank() ? null : (int) number("version", version, 1, Integer.MAX_VALUE);
        int max = limit == null || limit.isBlank() ? DEFAULT_LIMIT : (int) number("limit", limit, 1, MAX_LIMIT);
        String book = rulebook == null || rulebook.isBlank() ? null : rulebook.trim().toLowerCase(java.util.Locale.ROOT);
        return JsonBodies.value(Map.of("replays", replays.list(book, v, max).stream().map(ReplayResource::view).toList()))
                .toString();
    }

    @GET
    @Path("/{id: [0-9]{1,18}}")
    @RolesAllowed({"analyst", "compliance", "ops", "admin"})
    public String get(@PathParam("id") long id) {
        ReplayRun run = replays.find(id).orElseThrow(() -> ApiException.notFound("no replay " + id));
        Map<String, Object> out = view(run);
        out.put("changes", run.changesJson() == null ? null : JsonBodies.stored(run.changesJson()));
        return JsonBodies.value(out).toString();
    }

    @POST
    @Path("/{id: [0-9]{1,18}}/cancel")
    @RolesAllowed({"analyst", "admin"})
    public String cancel(@PathParam("id") long id, @Context SecurityContext security) {
        return JsonBodies.value(view(answer(() -> replays.cancel(id, security.getUserPrincipal().getName())))).toString();
    }

    /** The request of a body {@code {"rulebook","version","from","to"}}; 400 naming the field that is wrong. */
    static ReplayRequest request(String body) {
        JsonObject o = JsonBodies.object(body);
        String rulebook = JsonBodies.string(o, "rulebook");
        int version = (int) JsonBodies.integer(o, "version", 1, Integer.MAX_VALUE);
        return new ReplayRequest(rulebook, version, JsonBodies.instant("from", JsonBodies.string(o, "from")),
                JsonBodies.instant("to", JsonBodies.string(o, "to")));
    }

    /** What the EJB tier refuses, as the API answers it. */
    static <T> T answer(Supplier<T> call) {
        try {
            return call.get();
        } catch (ReplayRefused e) {
            throw new ApiException(Response.Status.BAD_REQUEST, "invalid_request", e.field(), e.getMessage());
        } catch (ReplayConflict e) {
            throw new ApiException(Response.Status.CONFLICT, "conflict", null, e.getMessage());
        } catch (ReplayNotFound e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    private static long number(String field, String text, long min, long max) {
        long n;
        try {
            n = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, "'" + text + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw ApiException.badRequest(field, "must be between " + min + " and " + max);
        }
        return n;
    }

    /** A replay as the API shows it: what was asked, where it stands, its progress and (when DONE) its summary. */
    static Map<String, Object> view(ReplayRun r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("rulebook", r.rulebook());
        out.put("version", r.version());
        out.put("label", r.rulebook() + "@" + r.version());
        out.put("from", r.from());
        out.put("to", r.to());
        out.put("against", r.against());
        out.put("state", r.state());
        out.put("reason", r.reason());
        out.put("requestedBy", r.requestedBy());
        out.put("requestedAt", r.requestedAt());
        out.put("cancelledBy", r.cancelledBy());
        out.put("finishedAt", r.finishedAt());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("read", r.read());
        progress.put("decided", r.decided());
        progress.put("total", r.total());
        out.put("progress", progress);
        out.put("summary", r.summaryJson() == null ? null : JsonBodies.stored(r.summaryJson()));
        return out;
    }
}
