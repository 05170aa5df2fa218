package io.trunkline.web.support;

import io.trunkline.ejb.routing.api.InvalidRouteRequest;
import io.trunkline.ejb.routing.api.MasterDataException;
import io.trunkline.ejb.workflow.api.DocumentTooLarge;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.WorkflowConflict;
import io.trunkline.ejb.workflow.api.WorkflowNotFound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.ejb.EJBAccessException;
import javax.ejb.EJBException;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/**
 * Every failure leaves the API as a JSON body {@code {"error", "message", "field"?, "status"}} with the right
 * status, never as an HTML page or a stack trace. EJB wrappers are opened to answer for their cause, and a
 * refusal raised while the body was being read (the size limit) is found under the reader's wrapping.
 * {@link ErrorPageServlet} gives the same body to what the container answers itself (401, 403).
 */
@Provider
public class ErrorResponses implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());
    /** Undertow's, thrown past {@code max-post-size}; named, as the web module has no Undertow dependency. */
    static final String UNDERTOW_TOO_BIG = "io.undertow.server.RequestTooBigException";

    /** What an error answer says. */
    record Failure(Response.StatusType status, String error, String message, String field) {
    }

    @Override
    public Response toResponse(Throwable thrown) {
        Failure f = classify(thrown);
        if (f.status() == Response.Status.INTERNAL_SERVER_ERROR) {
            LOG.log(Level.SEVERE, "unexpected failure answering a request", thrown);
        }
        return body(f.status(), f.error(), f.message(), f.field());
    }

    static Failure classify(Throwable thrown) {
        for (Throwable c = thrown; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ApiException e) {
                return new Failure(e.status(), e.error(), e.getMessage(), e.field());
            }
            if (c.getClass().getName().equals(UNDERTOW_TOO_BIG)) {
                return new Failure(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "body: the request body is over the server's limit ("
                        + c.getMessage() + ")", "body");
            }
        }
        Throwable t = unwrap(thrown);
        if (t instanceof WebApplicationException) {
            Response.StatusType s = ((WebApplicationException) t).getResponse().getStatusInfo();
            return new Failure(s, code(s), t.getMessage() == null ? s.getReasonPhrase() : t.getMessage(), null);
        }
        if (t instanceof InvalidRouteRequest) {
            return new Failure(Response.Status.BAD_REQUEST, "invalid_request", t.getMessage(), ((InvalidRouteRequest) t).field());
        }
        if (t instanceof MasterDataException) {
            return new Failure(Response.Status.BAD_REQUEST, "invalid_request", t.getMessage(), ((MasterDataException) t).field());
        }
        if (t instanceof InvalidWorkflowInput e) {
            return new Failure(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage(), e.field());
        }
        if (t instanceof WorkflowConflict e) {
            return new Failure(Response.Status.CONFLICT, "conflict", e.reason() + ": " + e.getMessage(), null);
        }
        if (t instanceof DocumentTooLarge) {
            return new Failure(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", t.getMessage(), null);
        }
        if (t instanceof WorkflowNotFound) {
            return new Failure(Response.Status.NOT_FOUND, "not_found", t.getMessage(), null);
        }
        if (t instanceof IllegalArgumentException) {
            return new Failure(Response.Status.BAD_REQUEST, "invalid_request", t.getMessage(), null);
        }
        if (t instanceof SecurityException || t instanceof EJBAccessException) {
            return new Failure(Response.Status.FORBIDDEN, "forbidden", t.getMessage(), null);
        }
        return new Failure(Response.Status.INTERNAL_SERVER_ERROR, "internal_error",
                "the platform could not answer this request; the server log has the details", null);
    }

    /** The error code for a status the JAX-RS runtime or the container decided. */
    static String code(Response.StatusType s) {
        return switch (s.getStatusCode()) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> s.getFamily() == Response.Status.Family.CLIENT_ERROR ? "client_error" : "server_error";
        };
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

    /**
     * Writes the answer to a failure straight to a servlet's response, for a servlet that answers outside the JAX-RS
     * runtime: the same status and body as {@link #toResponse}.
     */
    public static void write(Throwable thrown, HttpServletResponse response) throws IOException {
        Failure f = classify(thrown);
        if (f.status() == Response.Status.INTERNAL_SERVER_ERROR) {
            LOG.log(Level.SEVERE, "unexpected failure answering a request", thrown);
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(f.status().getStatusCode());
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(f.status().getStatusCode(), f.error(), f.message(), f.field()));
    }

    public static Response body(Response.StatusType status, String error, String message, String field) {
        return Response.status(status.getStatusCode()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json(status.getStatusCode(), error, message, field)).build();
    }

    /** The body {@link ErrorPageServlet} writes for a status the container answered with itself. */
    static String containerBody(int status) {
        Response.StatusType s = Response.Status.fromStatusCode(status);
        String message = switch (status) {
            case 401 -> "authentication required: log in with HTTP Basic as a user of the platform";
            case 403 -> "forbidden: none of your roles may do this";
            case 404 -> "no such resource";
            default -> s == null ? "error " + status : s.getReasonPhrase();
        };
        return json(status, s == null ? "client_error" : code(s), message, null);
    }

    /** The error body as text. */
    public static String json(int status, String error, String message, String field) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", error);
        b.put("message", message);
        if (field != null) {
            b.put("field", field);
        }
        b.put("status", status);
        return JsonBodies.value(b).toString();
    }
}
