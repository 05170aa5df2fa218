package io.trunkline.web.sla;

import io.trunkline.ejb.sla.api.Sla;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.Callers;
import io.trunkline.web.support.JsonBodies;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.json.JsonNumber;
import javax.json.JsonObject;
import javax.json.JsonValue;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * SLA credit claims besides the workflow API: carriers' SLA terms ({@code GET /sla/terms},
 * {@code GET|PUT /sla/terms/{carrier}}), the judgement of a carrier's month ({@code POST /sla/judgements
 * {"carrier","month"}}), which starts its {@code sla.CreditClaim} when the month earns a credit, and the claims
 * ({@code GET /sla/claims?month=}, {@code GET /sla/claims/{carrier}/{month}}). Analysts read terms and claims.
 */
@RequestScoped
@Path("sla")
@Produces(MediaType.APPLICATION_JSON)
public class SlaResource {

    private static final String CARRIER = "{carrier: [A-Za-z0-9._-]{1,64}}";

    @EJB
    private Sla sla;

    @GET
    @Path("terms")
    @RolesAllowed({"ops", "compliance", "admin", "analyst"})
    public String allTerms() {
        return JsonBodies.value(Map.of("terms", sla.terms().stream().map(SlaResource::terms).toList())).toString();
    }

    @GET
    @Path("terms/" + CARRIER)
    @RolesAllowed({"ops", "compliance", "admin", "analyst"})
    public String terms(@PathParam("carrier") String carrier) {
        return JsonBodies.value(terms(sla.terms(carrier).orElseThrow(() -> new NotFoundException("no SLA terms for "
                + carrier)))).toString();
    }

    @PUT
    @Path("terms/" + CARRIER)
    @RolesAllowed({"ops", "compliance", "admin"})
    public String putTerms(@PathParam("carrier") String carrier, String body, @Context SecurityContext security) {
        JsonObject in = JsonBodies.object(body);
        JsonValue charge = in.get("monthlyCharge");
        if (!(charge instanceof JsonObject money)) {
            throw ApiException.badRequest("monthlyCharge", "is required: {\"amount\": 12000.00, \"currency\": \"EUR\"}");
        }
        List<Sla.Band> schedule = new ArrayList<>();
        JsonValue bands = in.get("creditSchedule");
        if (bands == null || bands.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.badRequest("creditSchedule", "is required: [{\"below\": 99.9, \"creditPercent\": 5}, ...]");
        }
        int i = 0;
        for (JsonValue b : bands.asJsonArray()) {
            if (!(b instanceof JsonObject band)) {
                throw ApiException.badRequest("creditSchedule[" + i + "]", "must be {\"below\", \"creditPercent\"}");
            }
            schedule.add(new Sla.Band(decimal(band, "below", "creditSchedule[" + i + "].below", true),
                    decimal(band, "creditPercent", "creditSchedule[" + i + "].creditPercent", true)));
            i++;
        }
        Long pdd = in.containsKey("pddCeilingMs") && in.get("pddCeilingMs") != JsonValue.NULL
                ? JsonBodies.integer(in, "pddCeilingMs", 1, 60_000) : null;
        Sla.Terms t = sla.putTerms(Callers.of(security), new Sla.Terms(carrier,
                decimal(in, "availabilityPercent", "availabilityPercent", true),
                decimal(in, "asrFloorPercent", "asrFloorPercent", false), pdd == null ? null : pdd.intValue(),
                decimal(in, "nerFloorPercent", "nerFloorPercent", false), decimal(in, "mosFloor", "mosFloor", false),
                JsonBodies.optionalString(in, "measurementZone"), (int) JsonBodies.integer(in, "claimWindowDays", 1, 366),
                JsonBodies.string(in, "claimsEmail"), decimal(money, "amount", "monthlyCharge.amount", true),
                stringIn(money, "currency", "monthlyCharge.currency"), schedule, null, null));
        return JsonBodies.value(terms(t)).toString();
    }

    @POST
    @Path("judgements")
    @RolesAllowed({"ops", "compliance", "admin"})
    public String judge(String body, @Context SecurityContext security) {
        JsonObject in = JsonBodies.object(body);
        Sla.Judgement j = sla.judge(Callers.of(security), JsonBodies.string(in, "carrier"), JsonBodies.string(in, "month"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("carrier", j.carrier());
        out.put("month", j.month());
        out.put("outcome", j.outcome());
        out.put("availabilityPercent", j.availabilityPercent());
        out.put("outageSeconds", j.outageSeconds());
        out.put("outageWindows", j.outageWindows());
        out.put("attempts", j.attempts());
        out.put("measures", j.measures().stream().map(m -> {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("measure", m.measure());
            mm.put("measured", m.measured());
            mm.put("term", m.term());
            mm.put("missed", m.missed());
            mm.put("rule", m.rule());
            mm.put("creditPercent", m.creditPercent());
            return mm;
        }).toList());
        out.put("creditPercent", j.creditPercent());
        out.put("creditAmount", j.creditAmount());
        out.put("currency", j.currency());
        out.put("claim", j.claim() == null ? null : claim(j.claim()));
        return JsonBodies.value(out).toString();
    }

    @GET
    @Path("claims")
    @RolesAllowed({"ops", "compliance", "admin", "analyst"})
    public String claims(@QueryParam("month") String month, @QueryParam("limit") @DefaultValue("100") int limit) {
        return JsonBodies.value(Map.of("claims", sla.claims(month, limit).stream().map(SlaResource::claim).toList()))
                .toString();
    }

    @GET
    @Path("claims/" + CARRIER + "/{month: [0-9]{4}-[0-9]{2}}")
    @RolesAllowed({"ops", "compliance", "admin", "analyst"})
    public String claim(@PathParam("carrier") String carrier, @PathParam("month") String month) {
        return JsonBodies.value(claim(sla.claim(carrier, month).orElseThrow(() -> new NotFoundException("no SLA claim for "
                + carrier + " " + month)))).toString();
    }

    private static BigDecimal decimal(JsonObject o, String member, String field, boolean required) {
        JsonValue v = o.get(member);
        if (v == null || v == JsonValue.NULL) {
            if (required) {
                throw ApiException.badRequest(field, "is required");
            }
            return null;
        }
        if (!(v instanceof JsonNumber n)) {
            throw ApiException.badRequest(field, "must be a number");
        }
        return n.bigDecimalValue();
    }

    private static String stringIn(JsonObject o, String member, String field) {
        JsonValue v = o.get(member);
        if (!(v instanceof javax.json.JsonString s)) {
            throw ApiException.badRequest(field, "is required (a string)");
        }
        return s.getString();
    }

    private static Map<String, Object> terms(Sla.Terms t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("carrier", t.carrier());
        out.put("availabilityPercent", t.availabilityPercent());
        out.put("asrFloorPercent", t.asrFloorPercent());
        out.put("pddCeilingMs", t.pddCeilingMs());
        out.put("nerFloorPercent", t.nerFloorPercent());
        out.put("mosFloor", t.mosFloor());
        out.put("measurementZone", t.zone());
        out.put("claimWindowDays", t.claimWindowDays());
        out.put("claimsEmail", t.claimsEmail());
        out.put("monthlyCharge", Map.of("amount", t.monthlyCharge(), "currency", t.currency()));
        out.put("creditSchedule", t.schedule().stream().map(b -> Map.of("below", b.belowPercent(), "creditPercent",
                b.creditPercent())).toList());
        out.put("updatedAt", t.updatedAt() == null ? null : t.updatedAt().toString());
        out.put("updatedBy", t.updatedBy());
        return out;
    }

    private static Map<String, Object> claim(Sla.ClaimView c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("reference", c.reference());
        out.put("carrier", c.carrier());
        out.put("month", c.month());
        out.put("state", c.state());
        out.put("breaches", c.breaches());
        out.put("availabilityPercent", c.availabilityPercent());
        out.put("creditPercent", c.creditPercent());
        out.put("creditAmount", c.creditAmount());
        out.put("currency", c.currency());
        out.put("claimDeadline", c.claimDeadline().toString());
        out.put("workflowId", c.workflowId());
        out.put("evidenceDocument", c.evidenceDocument());
        out.put("claimedAmount", c.claimedAmount());
        out.put("sentAt", c.sentAt() == null ? null : c.sentAt().toString());
        out.put("acceptedAmount", c.acceptedAmount());
        out.put("refusalReason", c.refusalReason());
        out.put("creditInvoice", c.creditInvoice());
        out.put("closedAt", c.closedAt() == null ? null : c.closedAt().toString());
        out.put("judgedBy", c.judgedBy());
        out.put("judgedAt", c.judgedAt().toString());
        return out;
    }
}
