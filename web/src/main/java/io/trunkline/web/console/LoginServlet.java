package io.trunkline.web.console;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * Form login against the platform's realm ({@code HttpServletRequest.login}: the server checks the password and
 * keeps the identity in the session, giving it a new id so a session fixed before login is worthless), and logout.
 * The API beside it keeps HTTP Basic for edge nodes and scripts; a web application has one login configuration,
 * so the console logs in programmatically rather than by the container's FORM mechanism, whose challenge would
 * turn the API's 401 into a redirect.
 */
@WebServlet({LoginServlet.LOGIN, LoginServlet.LOGOUT})
public class LoginServlet extends HttpServlet {

    static final String LOGIN = ConsoleFilter.LOGIN;
    static final String LOGOUT = ConsoleFilter.ROOT + "/logout";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(LoginServlet.class.getName());

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals(LOGOUT)) {
            response.sendRedirect(request.getContextPath() + LOGIN);
            return;
        }
        form(request, response, HttpServletResponse.SC_OK, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals(LOGOUT)) {
            if (request.getUserPrincipal() != null && !Csrf.carried(request)) {
                ConsoleErrors.send(request, response, HttpServletResponse.SC_FORBIDDEN,
                        "The form did not carry this session's security token; it was refused.");
                return;
            }
            logout(request);
            response.sendRedirect(request.getContextPath() + LOGIN);
            return;
        }
        String user = request.getParameter("username");
        String password = request.getParameter("password");
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            form(request, response, HttpServletResponse.SC_BAD_REQUEST, "Enter your user name and password.");
            return;
        }
        logout(request);
        try {
            request.login(user.trim(), password);
        } catch (ServletException e) {
            LOG.info("console login refused for '" + user.trim().replaceAll("[^A-Za-z0-9._@-]", "?") + "'");
            form(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Wrong user name or password.");
            return;
        }
        if (ConsoleUser.roles(request).isEmpty()) {
            logout(request);
            form(request, response, HttpServletResponse.SC_FORBIDDEN,
                    "This account has none of the console's roles (analyst, compliance, ops, admin).");
            return;
        }
        Csrf.issue(request.getSession(true));
        response.sendRedirect(request.getContextPath() + RequestChecks.next(request.getParameter("next")));
    }

    private static void logout(HttpServletRequest request) {
        try {
            request.logout();
        } catch (ServletException e) {
            LOG.fine("logout: " + e.getMessage());
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private void form(HttpServletRequest request, HttpServletResponse response, int status, String error)
            throws IOException {
        response.setStatus(status);
        Map<String, Object> model = new HashMap<>(ConsoleModel.common(request));
        model.put("error", error);
        model.put("next", RequestChecks.next(request.getParameter("next")));
        ConsoleTemplates.of(getServletContext()).render(request, response, "login", model);
    }
}
