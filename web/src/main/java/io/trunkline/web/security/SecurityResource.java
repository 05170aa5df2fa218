package io.trunkline.web.security;

import io.trunkline.ejb.security.api.SourceBans;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/v1/security/bans}: the SIP sources the edge nodes banned, in force now;
 * {@code DELETE /api/v1/security/bans/{source}?reason=...}: lifts one on every node, audited with the user and reason.
 */
@RequestScoped
@Path("/security/bans")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityResource {

    /** A source is an address as the edge saw it on the wire: IPv4 dotted quad or IPv6 (RFC 4291 §2.2) text. */
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    static final int MAX_REASON = 1000;

    @EJB
    private SourceBans bans;

    @GET
    @RolesAllowed({"ops", "admin"})
    public String list() {
        List<Object> out = new ArrayList<>();
        for (SourceBans.Ban b : call(() -> bans.list())) {
            out.add(json(b));
        }
        return JsonBodies.value(Map.of("bans", out)).toString();
    }

    @DELETE
    @Path("/{source}")
    @RolesAllowed({"ops", "admin"})
    public String lift(@PathParam("source") String source, @QueryParam("reason") String reason,
                       @Context SecurityContext security) {
        String address = source(source);
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("reason", "is required: say why the ban is lifted");
        }
        if (reason.length() > MAX_REASON) {
            throw ApiException.badRequest("reason", "at most " + MAX_REASON + " characters");
        }
        SourceBans.Ban lifted = call(() -> bans.lift(address, security.getUserPrincipal().getName(), reason.trim()))
                .orElseThrow(() -> ApiException.notFound("source " + address + " is not banned"));
        Map<String, Object> body = json(lifted);
        body.put("lifted", true);
        return JsonBodies.value(body).toString();
    }

    static String source(String source) {
        String s = source == null ? "" : source.trim();
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 = !v4 && IPV6.matcher(s).matches() && s.chars().filter(c -> c == ':').count() >= 2 && ipv6(s);
        if (!v4 && !v6) {
            throw ApiException.badRequest("source", "must be an IPv4 or IPv6 address");
        }
        return s;
    }

    /** A literal with colons is parsed as IPv6 text, never looked up in the DNS. */
    private static boolean ipv6(String s) {
        try {
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static <T> T call(java.util.function.Supplier<T> c) {
        try {
            return c.get();
        } catch (javax.ejb.EJBException e) {
            if (e.getCause() instanceof SourceBans.EdgeClusterUnavailable u) {
                throw unavailable(u);
            }
            throw e;
        } catch (SourceBans.EdgeClusterUnavailable u) {
            throw unavailable(u);
        }
    }

    private static ApiException unavailable(RuntimeException u) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "edge_cluster_unavailable", null, u.getMessage());
    }

    private static Map<String, Object> json(SourceBans.Ban b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", b.source());
        m.put("reason", b.reason());
        m.put("rule", b.rule());
        m.put("node", b.node());
        m.put("bannedAt", b.bannedAt() == null ? null : b.bannedAt().toString());
        m.put("until", b.until() == null ? null : b.until().toString());
        return m;
    }
}
