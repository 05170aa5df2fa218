package io.trunkline.web.routing;

import java.util.function.Function;
import java.util.Optional;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.contract.telecom.E164Number;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.billing.api.IngestFiles;
import io.trunkline.ejb.billing.api.RateDecks;
import io.trunkline.ejb.routing.api.CarrierEntry;
import io.trunkline.ejb.routing.api.DidEntry;
import io.trunkline.ejb.routing.api.MasterData;
import io.trunkline.ejb.routing.api.PbxEntry;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.JsonBodies;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.json.JsonObject;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * Routing's master data: {@code /pbxs}, {@code /carriers} (with {@code /state} and {@code /rate-deck}),
 * {@code /dids} and {@code /routing/inbound-default}. Reading needs any role; changing needs ops or admin.
 * {@code PUT} creates or replaces the whole item at that URL.
 */
@RequestScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class MasterDataResource {

    @EJB
    private MasterData data;
    @EJB
    private RateDecks rateDecks;

    @GET
    @Path("pbxs")
    @RolesAllowed({"analyst", "compliance", "ops", "admin", "edge"})
    public String pbxs() {
        return JsonBodies.value(data.pbxs().stream().map(RoutingJson::pbx).toList()).toString();
    }

    @GET
    @Path("pbxs/{id}")
    @RolesAllowed({"analyst", "compliance", "ops", "admin", "edge"})
    public String pbx(@PathParam("id") String id) {
        return known(id, PbxId::new).flatMap(data::pbx).map(p -> JsonBodies.value(RoutingJson.pbx(p)).toString())
                .orElseThrow(() -> ApiException.notFound("no PBX " + id));
    }

    @PUT
    @Path("pbxs/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ops", "admin"})
    public String putPbx(@PathParam("id") String id, String body) {
        JsonObject o = sameId(JsonBodies.object(body), "id", id);
        PbxEntry pbx = RoutingJson.pbx(id, o);
        data.putPbx(pbx);
        return JsonBodies.value(RoutingJson.pbx(pbx)).toString();
    }

    @DELETE
    @Path("pbxs/{id}")
    @RolesAllowed({"ops", "admin"})
    public Response deletePbx(@PathParam("id") String id) {
        return known(id, PbxId::new).map(data::deletePbx).orElse(false) ? Response.noContent().build()
                : notFound("no PBX " + id);
    }

    @GET
    @Path("carriers")
    @RolesAllowed({"analyst", "compliance", "ops", "admin", "edge"})
    public String carriers() {
        return JsonBodies.value(data.carriers().stream().map(RoutingJson::carrier).toList()).toString();
    }

    @GET
    @Path("carriers/{id}")
    @RolesAllowed({"analyst", "compliance", "ops", "admin", "edge"})
    public String carrier(@PathParam("id") String id) {
        return known(id, CarrierId::new).flatMap(data::carrier).map(c -> JsonBodies.value(RoutingJson.carrier(c)).toString())
                .orElseThrow(() -> ApiException.notFound("no carrier " + id));
    }

    @PUT
    @Path("carriers/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ops", "admin"})
    public String putCarrier(@PathParam("id") String id, String body) {
        JsonObject o = sameId(JsonBodies.object(body), "id", id);
        CarrierEntry carrier = RoutingJson.carrier(id, o);
        data.putCarrier(carrier);
        return JsonBodies.value(RoutingJson.carrier(carrier)).toString();
    }

    @DELETE
    @Path("carriers/{id}")
    @RolesAllowed({"ops", "admin"})
    public Response deleteCarrier(@PathParam("id") String id) {
        return known(id, CarrierId::new).map(data::deleteCarrier).orElse(false) ? Response.noContent().build()
                : notFound("no carrier " + id);
    }

    @GET
    @Path("carriers/{id}/state")
    @RolesAllowed({"analyst", "compliance", "ops", "admin", "edge"})
    public String state(@PathParam("id") String id) {
        return JsonBodies.value(RoutingJson.state(data.state(carrierId(id)))).toString();
    }

    @PUT
    @Path("carriers/{id}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ops", "admin", "edge"})
    public String putState(@PathParam("id") String id, String body) {
        CarrierId carrier = carrierId(id);
        data.putState(carrier, RoutingJson.state(JsonBodies.object(body)));
        return JsonBodies.value(RoutingJson.state(data.state(carrier))).toString();
    }

    @POST
    @Path("carriers/{id}/rate-deck")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({"ops", "admin"})
    public String importRateDeck(@PathParam("id") String id, @HeaderParam("X-File-Name") String fileName, byte[] csv) {
        IngestFiles.IngestedFile f = rateDecks.importDeck(carrierId(id), fileName == null ? "upload.csv" : fileName, csv);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", f.id());
        m.put("carrier", f.subject());
        m.put("status", f.status());
        m.put("read", f.read());
        m.put("stored", f.stored());
        m.put("quarantined", f.quarantined());
        m.put("duplicates", f.duplicates());
        m.put("quarantine", "ingest/files/" + f.id() + "/quarantine");
        return JsonBodies.value(m).toString();
    }

    /** Creates or replaces every PBX of a CSV file, in one transaction. */
    @POST
    @Path("pbxs/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({"ops", "admin"})
    public String importPbxs(byte[] csv) {
        return stored(data.putAll(java.util.List.of(), MasterDataCsv.read(csv, "id", RoutingJson::pbx), java.util.List.of()));
    }

    /** Creates or replaces every carrier of a CSV file, in one transaction. */
    @POST
    @Path("carriers/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({"ops", "admin"})
    public String importCarriers(byte[] csv) {
        return stored(data.putAll(MasterDataCsv.read(csv, "id", RoutingJson::carrier), java.util.List.of(), java.util.List.of()));
    }

    /** Creates or replaces every DID of a CSV file, in one transaction. */
    @POST
    @Path("dids/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({"ops", "admin"})
    public String importDids(byte[] csv) {
        return stored(data.putAll(java.util.List.of(), java.util.List.of(), MasterDataCsv.read(csv, "number", RoutingJson::did)));
    }

    private static String stored(int n) {
        return JsonBodies.value(MasterDataCsv.counted(n)).toString();
    }

    @GET
    @Path("dids")
    @RolesAllowed({"analyst", "compliance", "ops", "admin", "edge"})
    public String dids() {
        return JsonBodies.value(data.dids().stream().map(RoutingJson::did).toList()).toString();
    }

    @PUT
    @Path("dids/{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ops", "admin"})
    public String putDid(@PathParam("number") String number, String body) {
        JsonObject o = sameId(JsonBodies.object(body), "number", number);
        DidEntry did = RoutingJson.did(number, o);
        data.putDid(did);
        return JsonBodies.value(RoutingJson.did(did)).toString();
    }

    @DELETE
    @Path("dids/{number}")
    @RolesAllowed({"ops", "admin"})
    public Response deleteDid(@PathParam("number") String number) {
        return known(number, E164Number::new).map(data::deleteDid).orElse(false) ? Response.noContent().build()
                : notFound("no DID " + number);
    }

    @GET
    @Path("routing/inbound-default")
    @RolesAllowed({"analyst", "compliance", "ops", "admin", "edge"})
    public String inboundDefault() {
        return data.inboundDefault().map(d -> JsonBodies.value(Map.of("pbx", d.pbx().value(), "extension", d.extension())).toString())
                .orElseThrow(() -> ApiException.notFound("no default inbound destination is set"));
    }

    @PUT
    @Path("routing/inbound-default")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ops", "admin"})
    public String putInboundDefault(String body) {
        JsonObject o = JsonBodies.object(body);
        String pbx = JsonBodies.string(o, "pbx");
        data.putInboundDefault(JsonBodies.valueOf("pbx", () -> new PbxId(pbx)), JsonBodies.string(o, "extension"));
        return inboundDefault();
    }

    /** An id from the URL as its value object; one that is not well formed names nothing there is. */
    private static <T> Optional<T> known(String id, Function<String, T> make) {
        try {
            return Optional.of(make.apply(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A carrier id from the URL, refused 400 naming {@code carrier} when it is not one. */
    private static CarrierId carrierId(String id) {
        return JsonBodies.valueOf("carrier", () -> new CarrierId(id));
    }

    /** The body may repeat the URL's id; if it does, it must be the same one. */
    private static JsonObject sameId(JsonObject o, String field, String id) {
        String inBody = JsonBodies.optionalString(o, field);
        if (inBody != null && !inBody.equals(id)) {
            throw ApiException.badRequest(field, "'" + inBody + "' differs from the URL's '" + id + "'");
        }
        return o;
    }

    private static Response notFound(String message) {
        throw ApiException.notFound(message);
    }
}
