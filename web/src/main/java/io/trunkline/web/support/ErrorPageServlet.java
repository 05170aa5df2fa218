package io.trunkline.web.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.RequestDispatcher;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The error page (web.xml {@code <error-page>}) for what the container answers before the API is reached:
 * 401 when the login fails or is missing, 403 when the user's roles are outside the security constraint. It
 * writes the JSON error body every other failure has instead of the container's HTML page. The status and the
 * {@code WWW-Authenticate} challenge (RFC 7617 §2) set by the login mechanism are left as they are.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/error-body";
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
        if (code == null) {
            response.setStatus(status);
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ErrorResponses.containerBody(status));
    }
}
