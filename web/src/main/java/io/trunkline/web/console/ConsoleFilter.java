package io.trunkline.web.console;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebFilter;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * In front of every console page: the security headers on every answer; the login page for a visitor without a
 * session (rather than the container's HTTP Basic challenge, which the API keeps); 403 for a page or action outside
 * the user's roles; 403 for a state-changing request without the session's CSRF token or from another origin.
 */
@WebFilter(ConsoleFilter.ROOT + "/*")
public class ConsoleFilter extends HttpFilter {

    static final String ROOT = "/ui";
    static final String LOGIN = ROOT + "/login";
    private static final long serialVersionUID = 1L;

    /**
     * Scripts, styles and fonts from the platform only, so an injected script cannot run and no inline script is
     * needed; no framing (clickjacking); forms post only to the platform.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        headers(response);
        // The path the container dispatches on (decoded, dot segments and path parameters resolved), never the raw
        // URI: "/ui/static/../rules/x" or "/ui/%72ules/x" would otherwise pass as a static file or as no section at
        // all and still reach the rulebook pages.
        String path = dispatchedPath(request);
        if (path.startsWith(ROOT + "/static/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (!Csrf.safe(request.getMethod()) && !RequestChecks.sameOrigin(request)) {
            ConsoleErrors.send(request, response, HttpServletResponse.SC_FORBIDDEN,
                    "This form was sent from another site; it was refused.");
            return;
        }
        if (path.equals(LOGIN)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getUserPrincipal() == null || Csrf.token(request) == null) {
            if (Csrf.safe(request.getMethod())) {
                String query = request.getQueryString();
                String next = path + (query == null ? "" : "?" + query);
                response.sendRedirect(request.getContextPath() + LOGIN + "?next="
                        + URLEncoder.encode(next, StandardCharsets.UTF_8));
            } else {
                ConsoleErrors.send(request, response, HttpServletResponse.SC_FORBIDDEN,
                        "Your session has ended; log in again and repeat what you did.");
            }
            return;
        }
        Set<String> roles = ConsoleUser.roles(request);
        Optional<ConsoleSection> section = ConsoleSection.of(path);
        if (section.isPresent() && !section.get().allows(roles)) {
            ConsoleErrors.send(request, response, HttpServletResponse.SC_FORBIDDEN,
                    "The " + section.get().title() + " pages are for " + String.join(", ", section.get().roles().stream().sorted().toList())
                            + "; your account does not have that role.");
            return;
        }
        boolean carried;
        try {
            carried = Csrf.safe(request.getMethod()) || Csrf.carried(request);
        } catch (IllegalStateException e) {
            // Reading the form parses a multipart body: over the page's size limit, or broken, it cannot be read.
            ConsoleErrors.send(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "The form could not be read: the upload is larger than this page takes, or incomplete.");
            return;
        }
        if (!carried) {
            ConsoleErrors.send(request, response, HttpServletResponse.SC_FORBIDDEN,
                    "The form did not carry this session's security token; it was refused. Reload the page and try again.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The request's path below the context as the container dispatches it. */
    static String dispatchedPath(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    static void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
