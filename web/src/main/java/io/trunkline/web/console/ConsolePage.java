package io.trunkline.web.console;

import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.replay.api.ReplayConflict;
import io.trunkline.ejb.replay.api.ReplayNotFound;
import io.trunkline.ejb.ruleset.api.NoSuchVersionException;
import io.trunkline.ejb.workflow.api.DocumentTooLarge;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.WorkflowConflict;
import io.trunkline.ejb.workflow.api.WorkflowNotFound;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.ejb.EJBAccessException;
import javax.ejb.EJBException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A part of the console: its pages routed by path below the section, each rendered from a template with the
 * layout's model. A failure becomes a page in words: 400 with what was wrong, 403, 404, 409, or 500 with a
 * reference that the server log holds beside the stack trace (which the page never shows).
 */
abstract class ConsolePage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConsolePage.class.getName());

    /** Thrown by a page for an unknown id or path: 404 with the message. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    /** Thrown by a page for input it refuses: 400 with the message. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    /** One page's answer to a request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response, Matcher path) throws IOException;
    }

    private final Map<Pattern, Handler> gets = new java.util.LinkedHashMap<>();
    private final Map<Pattern, Handler> posts = new java.util.LinkedHashMap<>();

    /** Pages answer GET on {@code pattern}, the path below the servlet's mapping ({@code ""} for its root). */
    protected final void get(String pattern, Handler handler) {
        gets.put(Pattern.compile(pattern), handler);
    }

    protected final void post(String pattern, Handler handler) {
        posts.put(Pattern.compile(pattern), handler);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        dispatch(gets, request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        dispatch(posts, request, response);
    }

    private void dispatch(Map<Pattern, Handler> handlers, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        // ConsoleFilter refuses other roles first; a page checks again, so that no path the filter misreads reaches
        // a section's handlers.
        Optional<ConsoleSection> section = ConsoleSection.of(ConsoleFilter.dispatchedPath(request));
        if (request.getUserPrincipal() == null || section.isEmpty()
                || !section.get().allows(ConsoleUser.roles(request))) {
            ConsoleErrors.send(request, response, HttpServletResponse.SC_FORBIDDEN,
                    "Your account does not have the role this page is for.");
            return;
        }
        try {
            for (Map.Entry<Pattern, Handler> e : handlers.entrySet()) {
                Matcher m = e.getKey().matcher(path);
                if (m.matches()) {
                    e.getValue().handle(request, response, m);
                    return;
                }
            }
            throw new NotFound("There is no page at " + request.getRequestURI() + ".");
        } catch (RuntimeException e) {
            fail(request, response, unwrap(e));
        }
    }

    /** A session bean's unchecked exception arrives wrapped in an EJBException: the page answers for its cause. */
    static Throwable unwrap(RuntimeException e) {
        Throwable t = e;
        while (t instanceof EJBException && !(t instanceof EJBAccessException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private void fail(HttpServletRequest request, HttpServletResponse response, Throwable e) throws IOException {
        if (e instanceof NotFound || e instanceof WorkflowNotFound || e instanceof NoSuchVersionException
                || e instanceof ReplayNotFound) {
            ConsoleErrors.send(request, response, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        } else if (e instanceof BadInput || e instanceof InvalidWorkflowInput || e instanceof DocumentTooLarge || e instanceof IllegalArgumentException) {
            ConsoleErrors.send(request, response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        } else if (e instanceof WorkflowConflict || e instanceof ReplayConflict) {
            ConsoleErrors.send(request, response, HttpServletResponse.SC_CONFLICT, e.getMessage());
        } else if (e instanceof SecurityException || e instanceof EJBAccessException) {
            ConsoleErrors.send(request, response, HttpServletResponse.SC_FORBIDDEN,
                    "Your roles do not allow this." + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } else {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "console page " + request.getRequestURI() + " failed, reference " + reference, e);
            ConsoleErrors.send(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "Something went wrong on the platform. The server log has the details under reference "
                            + reference + ".");
        }
    }

    protected final void render(HttpServletRequest request, HttpServletResponse response, String template,
                                Map<String, Object> model) throws IOException {
        Map<String, Object> all = new HashMap<>(ConsoleModel.common(request));
        all.putAll(model);
        ConsoleTemplates.of(getServletContext()).render(request, response, template, all);
    }

    /** Post/redirect/get: the next page shows {@code message} once. */
    protected final void redirect(HttpServletRequest request, HttpServletResponse response, String path, String message)
            throws IOException {
        if (message != null) {
            ConsoleModel.flash(request, message);
        }
        response.sendRedirect(request.getContextPath() + path);
    }

    protected static Caller caller(HttpServletRequest request) {
        return ConsoleUser.caller(request);
    }

    protected static String user(HttpServletRequest request) {
        return ConsoleUser.name(request);
    }

    protected static long id(Matcher path, int group) {
        try {
            return Long.parseLong(path.group(group));
        } catch (NumberFormatException e) {
            throw new NotFound("No such id: " + path.group(group));
        }
    }

    /** A required form field, trimmed; 400 naming its label when it is missing. */
    protected static String required(HttpServletRequest request, String name, String label) {
        String v = request.getParameter(name);
        if (v == null || v.isBlank()) {
            throw new BadInput(label + " is required.");
        }
        return v.trim();
    }

    protected static String optional(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
