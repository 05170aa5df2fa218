package io.trunkline.web.routing;

import io.trunkline.contract.routing.RoutingCodec;
import io.trunkline.ejb.routing.api.RouteDecisions;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.ErrorResponses;
import io.trunkline.web.support.JsonBodies;
import io.trunkline.web.support.RequestBodyLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * One exchange of {@code POST /api/v1/decisions/route} ({@link RouteDecisionServlet}): the call's JSON in, its
 * decision in the wire codec out. Refused with the API's JSON error body: 405 for any other method than POST, 403
 * when none of the caller's roles is {@code edge}, {@code ops}, {@code analyst} or {@code admin}, 415 for a body that
 * is not JSON, 413 past the body limit, 400 naming the field a call cannot be decided on. With {@code ?trace=false}
 * the answer leaves out the decision's {@code trace} (the edge's question: it routes on the rest, and the trace stays
 * in the recent-decisions log, {@code GET /api/v1/decisions/{callId}}); any other value than {@code true} or
 * {@code false} is a 400 naming {@code trace}.
 */
final class RouteQuestion {

    static final List<String> ROLES = List.of("edge", "ops", "analyst", "admin");

    private final RouteDecisions decisions;
    private final long maxBytes;

    RouteQuestion(RouteDecisions decisions, long maxBytes) {
        this.decisions = decisions;
        this.maxBytes = maxBytes;
    }

    /** Answers the request of a caller whose roles {@code hasRole} tells. */
    void answer(HttpServletRequest request, HttpServletResponse response, Predicate<String> hasRole) throws IOException {
        try {
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", "POST");
                throw new ApiException(Response.Status.METHOD_NOT_ALLOWED, "method_not_allowed", null,
                        request.getMethod() + " is not allowed here: a decision is asked with POST");
            }
            if (ROLES.stream().noneMatch(hasRole)) {
                throw new ApiException(Response.Status.FORBIDDEN, "forbidden", null,
                        "forbidden: none of your roles may do this");
            }
            if (!json(request.getContentType())) {
                throw new ApiException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", null,
                        "the body must be application/json, got " + request.getContentType());
            }
            boolean withTrace = withTrace(request.getQueryString());
            String body = RequestBodyLimit.text(request, maxBytes);
            // The wire contract's own codec: the edge reads exactly what is written here.
            String answer = RoutingCodec.write(decisions.decide(RoutingJson.request(JsonBodies.object(body))), withTrace);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(answer);
        } catch (IOException | RuntimeException e) {
            ErrorResponses.write(e, response);
        }
    }

    /** Whether the answer carries the decision's trace: yes unless the query says {@code trace=false}. */
    static boolean withTrace(String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        boolean with = true;
        for (String pair : query.split("&")) {
            if (pair.equals("trace") || pair.startsWith("trace=")) {
                String value = pair.length() > 6 ? pair.substring(6) : "";
                if (!value.equals("true") && !value.equals("false")) {
                    throw ApiException.badRequest("trace", "must be true or false, got '"
                            + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'");
                }
                with = value.equals("true");
            }
        }
        return with;
    }

    /** Whether a Content-Type names JSON (absent counts as JSON, as the JAX-RS runtime reads it). */
    static boolean json(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return type.equals(MediaType.APPLICATION_JSON) || type.equals("*/*");
    }
}
