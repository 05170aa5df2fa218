package io.trunkline.web.ruleset;

import io.trunkline.ejb.ruleset.api.NamedInRulesException;
import io.trunkline.ejb.ruleset.api.RuleRow;
import io.trunkline.web.support.JsonBodies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/**
 * A carrier or PBX that active rule rows name is not deleted: 409 Conflict (RFC 9110 §15.5.10, the request
 * conflicts with the current state of the resource), listing each row as the analyst finds it.
 */
@Provider
public class NamedInRulesMapper implements ExceptionMapper<NamedInRulesException> {

    @Override
    public Response toResponse(NamedInRulesException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "named_in_rules");
        body.put("message", e.getMessage());
        body.put("status", 409);
        List<Object> rows = e.rows().stream().map(NamedInRulesMapper::row).toList();
        body.put("rows", rows);
        return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonBodies.value(body).toString()).build();
    }

    private static Object row(RuleRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rulebook", r.rulebook());
        m.put("version", r.version());
        m.put("resource", r.resource());
        m.put("sheet", r.sheet());
        m.put("row", r.row());
        m.put("column", r.column());
        m.put("header", r.header());
        return m;
    }
}
