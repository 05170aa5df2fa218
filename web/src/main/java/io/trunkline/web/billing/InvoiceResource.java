package io.trunkline.web.billing;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.billing.api.Invoices;
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
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

/** {@code GET /api/v1/invoices?carrier=}: carriers' invoices as stored, stated totals beside the sums of their lines. */
@RequestScoped
@Path("/invoices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"ops", "compliance", "admin"})
public class InvoiceResource {

    @EJB
    private Invoices invoices;

    @GET
    public String list(@QueryParam("carrier") String carrier, @QueryParam("limit") @DefaultValue("100") int limit) {
        List<Object> out = new ArrayList<>();
        for (Invoices.Invoice i : invoices.list(JsonBodies.optionalId("carrier", carrier, CarrierId::new), limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("carrier", i.carrier());
            m.put("number", i.number());
            m.put("periodStart", i.periodStart().toString());
            m.put("periodEnd", i.periodEnd().toString());
            m.put("currency", i.currency());
            m.put("statedSeconds", i.statedSeconds());
            m.put("statedAmount", i.statedAmount());
            m.put("lines", i.lines());
            m.put("linesSeconds", i.linesSeconds());
            m.put("linesAmount", i.linesAmount());
            m.put("linesMatchStatedTotal", i.linesAmount().compareTo(i.statedAmount()) == 0
                    && i.linesSeconds() == i.statedSeconds());
            m.put("file", "ingest/files/" + i.fileId());
            m.put("receivedAt", i.receivedAt());
            out.add(m);
        }
        return JsonBodies.value(out).toString();
    }
}
