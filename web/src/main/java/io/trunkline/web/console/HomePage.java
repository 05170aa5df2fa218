package io.trunkline.web.console;

import io.trunkline.ejb.workflow.api.WorkflowTasks;
import java.io.IOException;
import java.util.Map;
import javax.ejb.EJB;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The console's start page: the parts the user's roles open, with their open tasks. */
@WebServlet({ConsoleFilter.ROOT, ConsoleFilter.ROOT + "/"})
public class HomePage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient WorkflowTasks tasks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals(ConsoleFilter.ROOT) && request.getPathInfo() == null
                && !request.getRequestURI().endsWith("/")) {
            response.sendRedirect(request.getContextPath() + ConsoleFilter.ROOT + "/");
            return;
        }
        java.util.Set<String> roles = ConsoleUser.roles(request);
        int open = roles.contains("compliance") || roles.contains("admin")
                ? tasks.tasks(ConsoleUser.caller(request), true).size() : 0;
        Map<String, Object> model = new java.util.HashMap<>(ConsoleModel.common(request));
        model.put("openTasks", open);
        ConsoleTemplates.of(getServletContext()).render(request, response, "home", model);
    }
}
