package io.trunkline.web.dialplan;

import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.dialplan.api.DialPlan;
import io.trunkline.web.support.JsonBodies;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.json.JsonObject;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code POST /api/v1/dialplan/normalize {"pbx": "...", "dialed": "..."}}: one dial string through the rulebook. */
@RequestScoped
@Path("/dialplan")
public class DialPlanResource {

    @EJB
    private DialPlan dialPlan;

    @POST
    @Path("/normalize")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"analyst", "ops", "admin", "edge"})
    public String normalize(String body) {
        JsonObject request = JsonBodies.object(body);
        String pbx = JsonBodies.string(request, "pbx");
        DialPlan.Normalized n = dialPlan.normalize(JsonBodies.valueOf("pbx", () -> new PbxId(pbx)),
                JsonBodies.string(request, "dialed"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pbx", n.pbx().value());
        out.put("dialed", n.dialed());
        out.put("result", n.result());
        out.put("type", n.type());
        out.put("rejection", n.rejection());
        out.put("trace", n.trace());
        out.put("rulebookVersion", n.rulebookVersion());
        return JsonBodies.value(out).toString();
    }
}
