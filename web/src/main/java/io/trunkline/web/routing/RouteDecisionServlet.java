package io.trunkline.web.routing;

import io.trunkline.ejb.routing.api.RouteDecisions;
import io.trunkline.web.support.ErrorResponses;
import io.trunkline.web.support.RequestBodyLimit;
import java.io.IOException;
import javax.ejb.EJB;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code POST /api/v1/decisions/route}, the edge's question for each call, answered by a servlet of its own rather
 * than through the JAX-RS runtime: the runtime's dispatch, parameter validation, request-scoped resource and
 * response writers cost about a fifth of a decision's CPU on the platform, for one fixed exchange of a JSON body for
 * a JSON body. The contract is the API's ({@link RouteQuestion}): the security constraint's login, the roles the
 * rest of the decision API names, the request body limit, and the JSON error body of every other failure
 * ({@link ErrorResponses}).
 */
@WebServlet(name = "route-decisions", urlPatterns = RouteDecisionServlet.PATH)
public class RouteDecisionServlet extends HttpServlet {

    static final String PATH = "/api/v1/decisions/route";
    private static final long serialVersionUID = 1L;

    @EJB
    private transient RouteDecisions decisions;
    private transient RouteQuestion question;

    @Override
    public void init() {
        question = new RouteQuestion(decisions, RequestBodyLimit.maxBytes());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        question.answer(request, response);
    }
}
