package io.trunkline.web.console;

import io.trunkline.web.support.ErrorResponses;
import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebFilter;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The REST API answers the console's scripts and links with the login kept in the session, as well as HTTP Basic.
 * A request the session alone authenticates (no {@code Authorization} header: a browser's, which another site could
 * make it send) changes nothing without the session's CSRF token in {@value Csrf#HEADER}; scripts and edge nodes
 * sending their credentials are not affected.
 */
@WebFilter("/api/*")
public class SessionCsrfGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!Csrf.safe(request.getMethod()) && request.getHeader("Authorization") == null
                && request.getUserPrincipal() != null && !Csrf.carried(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(ErrorResponses.json(HttpServletResponse.SC_FORBIDDEN, "forbidden",
                    "a request authenticated by the console's session must carry its CSRF token in " + Csrf.HEADER, null));
            return;
        }
        chain.doFilter(request, response);
    }
}
