package io.trunkline.web.routing;

import io.trunkline.ejb.routing.api.RouteDecisions;
import io.trunkline.web.support.ApiException;
import io.trunkline.web.support.ErrorResponses;
import io.trunkline.web.support.RequestBodyLimit;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.ejb.EJB;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.Response;

/**
 * {@code POST /api/v1/decisions/route}, the edge's question for each call, answered by a servlet of its own rather
 * than through the JAX-RS runtime: the runtime's dispatch, parameter validation, request-scoped resource and
 * response writers cost about a fifth of a decision's CPU on the platform, for one fixed exchange of a JSON body for
 * a JSON body. The contract is the API's ({@link RouteQuestion}): the roles the rest of the decision API names, the
 * request body limit, and the JSON error body of every other failure ({@link ErrorResponses}).
 *
 * <p>The login is checked here rather than by the security constraint, so that an edge node need not log in with its
 * password on every call (web.xml leaves this one path out of the constraint; the container still checks an HTTP
 * Basic login sent to it, and answers a wrong one 401 itself). A caller logged in with Basic is answered as before;
 * an account with the {@code edge} role also gets a {@link DecisionTokens token} in the answer's
 * {@value DecisionTokens#HEADER} header, and may ask its next decisions with {@code Authorization: Bearer <token>};
 * a token past half its life is answered with its successor in the same header (at most 16 tokens of one account live). No login, or a token that is unknown
 * or ended, is a 401 with the {@code WWW-Authenticate: Basic} challenge and the API's JSON error body.
 */
@WebServlet(name = "route-decisions", urlPatterns = RouteDecisionServlet.PATH)
public class RouteDecisionServlet extends HttpServlet {

    static final String PATH = "/api/v1/decisions/route";
    /** A token's life: long enough that a node logs in a few times an hour, short enough to end a removed account. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    private static final long serialVersionUID = 1L;

    @EJB
    private transient RouteDecisions decisions;
    private transient RouteQuestion question;
    private transient DecisionTokens tokens;

    @Override
    public void init() {
        question = new RouteQuestion(decisions, RequestBodyLimit.maxBytes());
        tokens = new DecisionTokens(TOKEN_LIFETIME, 16, 1_024, System::nanoTime);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Set<String> roles;
        if (request.getUserPrincipal() != null) {
            roles = RouteQuestion.ROLES.stream().filter(request::isUserInRole).collect(Collectors.toUnmodifiableSet());
            if (roles.contains("edge")) {
                response.setHeader(DecisionTokens.HEADER, tokens.issue(request.getUserPrincipal().getName(), roles));
            }
        } else {
            Optional<DecisionTokens.Caller> caller = tokens.verify(bearer(request.getHeader("Authorization")));
            if (caller.isEmpty()) {
                unauthorized(response, request.getHeader("Authorization") != null);
                return;
            }
            roles = caller.get().roles();
            if (tokens.renewalDue(caller.get())) {
                response.setHeader(DecisionTokens.HEADER, tokens.issue(caller.get().name(), roles));
            }
        }
        question.answer(request, response, roles::contains);
    }

    /** The token of an {@code Authorization: Bearer} header (RFC 6750 §2.1), or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static void unauthorized(HttpServletResponse response, boolean tokenSent) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Trunkline\"");
        ErrorResponses.write(new ApiException(Response.Status.UNAUTHORIZED, "unauthorized", null, tokenSent
                ? "authentication required: the token is unknown or has ended; log in with HTTP Basic for a new one"
                : "authentication required: log in with HTTP Basic"), response);
    }
}
