package io.trunkline.web.support;

import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.routing.api.MasterDataException;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.ejb.EJBAccessException;
import javax.ejb.EJBException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/**
 * Every failure leaves the API as a JSON body {@code {"error", "message", "field"?}} with the right
 * status, never as an HTML page or a stack trace. EJB wrappers are opened to answer for their cause.
 */
@Provider
public class ErrorResponses implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof ApiException) {
            ApiException e = (ApiException) t;
            return body(e.status(), e.error(), e.getMessage(), e.field());
        }
        if (t instanceof WebApplicationException) {
            Response r = ((WebApplicationException) t).getResponse();
            Response.StatusType s = r.getStatusInfo();
            String code = s.getFamily() == Response.Status.Family.CLIENT_ERROR ? "client_error" : "server_error";
            return body(s, code, t.getMessage() == null ? s.getReasonPhrase() : t.getMessage(), null);
        }
        if (t instanceof InvalidRouteRequest) {
            return body(Response.Status.BAD_REQUEST, "invalid_request", t.getMessage(), ((InvalidRouteRequest) t).field());
        }
        if (t instanceof MasterDataException) {
            return body(Response.Status.BAD_REQUEST, "invalid_request", t.getMessage(), ((MasterDataException) t).field());
        }
        if (t instanceof IllegalArgumentException) {
            return body(Response.Status.BAD_REQUEST, "invalid_request", t.getMessage(), null);
        }
        if (t instanceof SecurityException || t instanceof EJBAccessException) {
            return body(Response.Status.FORBIDDEN, "forbidden", t.getMessage(), null);
        }
        LOG.log(Level.SEVERE, "unexpected failure answering a request", thrown);
        return body(Response.Status.INTERNAL_SERVER_ERROR, "internal_error",
                "the platform could not answer this request; the server log has the details", null);
    }

    static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        while (t instanceof EJBException && !(t instanceof EJBAccessException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof EJBException && ((EJBException) t).getCausedByException() != null) {
            t = ((EJBException) t).getCausedByException();
        }
        return t;
    }

    public static Response body(Response.StatusType status, String error, String message, String field) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", error);
        b.put("message", message);
        if (field != null) {
            b.put("field", field);
        }
        b.put("status", status.getStatusCode());
        return Response.status(status.getStatusCode()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonBodies.value(b).toString()).build();
    }
}
