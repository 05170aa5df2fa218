package io.trunkline.web.stir;

import io.trunkline.ejb.stir.api.SigningCertificates;
import io.trunkline.ejb.stir.domain.PublishedChain;
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
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * The STIR/SHAKEN signing certificates the platform publishes: {@code PUT /api/v1/stir/certificates/{name}} (a PEM
 * chain, signing certificate first; ops, admin), {@code GET /api/v1/stir/certificates} (any role), and
 * {@code GET /api/v1/stir/certs/{name}.pem} without a login, the x5u URL verifiers fetch (ATIS-1000074: the chain as
 * {@code application/pem-certificate-chain}, cacheable).
 */
@RequestScoped
@Path("/stir")
public class StirCertificateResource {

    /** What verifiers are told they may keep it for (Cache-Control); they must fetch a replaced chain within it. */
    static final int MAX_AGE_SECONDS = 3_600;
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    @EJB
    private SigningCertificates certificates;

    @PUT
    @Path("/certificates/{name}")
    @Consumes({MediaType.TEXT_PLAIN, PEM_CHAIN, "application/x-pem-file"})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ops", "admin"})
    public Response publish(@PathParam("name") String name, String pem, @Context SecurityContext security) {
        boolean replaced;
        try {
            replaced = certificates.publish(name, pem, security.getUserPrincipal().getName());
        } catch (SigningCertificates.ChainRefused e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
        PublishedChain chain = certificates.chain(name).orElseThrow();
        return Response.status(replaced ? Response.Status.OK : Response.Status.CREATED)
                .entity(JsonBodies.value(json(chain)).toString()).build();
    }

    @GET
    @Path("/certificates")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"analyst", "compliance", "ops", "admin", "edge"})
    public String list() {
        List<Object> out = new ArrayList<>();
        certificates.all().forEach(c -> out.add(json(c)));
        return JsonBodies.value(Map.of("certificates", out)).toString();
    }

    /** Open to anyone (web.xml): the URL in every PASSporT the edge signs. */
    @GET
    @Path("/certs/{file}")
    public Response published(@PathParam("file") String file) {
        if (!file.endsWith(".pem")) {
            throw ApiException.notFound("no certificate " + file);
        }
        String name = file.substring(0, file.length() - ".pem".length());
        return certificates.chain(name)
                .map(c -> Response.ok(c.pem(), PEM_CHAIN).header("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS)
                        .build())
                .orElseThrow(() -> ApiException.notFound("no certificate " + file));
    }

    private static Map<String, Object> json(PublishedChain c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("subject", c.subject());
        m.put("notAfter", c.notAfter().toString());
        m.put("url", "/api/v1/stir/certs/" + c.name() + ".pem");
        return m;
    }
}
