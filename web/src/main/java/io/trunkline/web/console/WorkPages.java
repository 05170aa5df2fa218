package io.trunkline.web.console;

import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.FormField;
import io.trunkline.ejb.workflow.api.TaskView;
import io.trunkline.ejb.workflow.api.WorkflowDetail;
import io.trunkline.ejb.workflow.api.WorkflowDocuments;
import io.trunkline.ejb.workflow.api.WorkflowState;
import io.trunkline.ejb.workflow.api.WorkflowTasks;
import io.trunkline.ejb.workflow.api.Workflows;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import javax.ejb.EJB;
import javax.servlet.ServletException;
import javax.servlet.annotation.MultipartConfig;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.Part;

/**
 * The compliance officers' pages: the task inbox (claim, complete with the task's form, attach documents), the
 * workflows with their timeline (steps, who, when, timers and deadlines), their documents, and the evidence and
 * audit export of each (the REST API's CSV and ZIP, which the session's login reaches).
 */
@WebServlet(ConsoleFilter.ROOT + "/work/*")
@MultipartConfig(maxFileSize = WorkPages.MAX_UPLOAD, maxRequestSize = WorkPages.MAX_UPLOAD + 65_536)
public class WorkPages extends ConsolePage {

    static final long MAX_UPLOAD = 10L * 1024 * 1024;
    private static final long serialVersionUID = 1L;

    @EJB
    private transient Workflows workflows;
    @EJB
    private transient WorkflowTasks tasks;
    @EJB
    private transient WorkflowDocuments documents;

    @Override
    public void init() throws ServletException {
        get("/?", this::inbox);
        get("/tasks/([0-9]{1,18})", this::task);
        post("/tasks/([0-9]{1,18})/claim", this::claim);
        post("/tasks/([0-9]{1,18})/complete", this::complete);
        get("/workflows", this::list);
        get("/workflows/([0-9]{1,18})", this::workflow);
        post("/workflows/([0-9]{1,18})/documents", this::attach);
    }

    private void inbox(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        boolean all = "all".equals(request.getParameter("state"));
        render(request, response, "work/inbox", Map.of("tasks", tasks.tasks(caller(request), !all), "all", all));
    }

    private void task(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        taskPage(request, response, id(m, 1), HttpServletResponse.SC_OK, Map.of());
    }

    private void taskPage(HttpServletRequest request, HttpServletResponse response, long id, int status,
                          Map<String, Object> extra) throws IOException {
        TaskView task = tasks.task(caller(request), id).orElseThrow(() -> new NotFound("There is no task " + id + " for you."));
        Map<String, Object> model = new HashMap<>(extra);
        model.put("task", task);
        model.put("documents", documents.documents(caller(request), task.workflowId()));
        response.setStatus(status);
        render(request, response, "work/task", model);
    }

    private void claim(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        long id = id(m, 1);
        tasks.claim(caller(request), id);
        redirect(request, response, ConsoleFilter.ROOT + "/work/tasks/" + id, "You hold this task now.");
    }

    /**
     * The task's form fields by their kind: text, whole and decimal numbers, yes/no, a date-time (sent as UTC by the
     * page), a document (a file uploaded to the workflow here, or the id of one already there).
     */
    private void complete(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        long id = id(m, 1);
        TaskView task = tasks.task(caller(request), id).orElseThrow(() -> new NotFound("There is no task " + id + " for you."));
        Map<String, Object> data = new LinkedHashMap<>();
        for (FormField f : task.form()) {
            Object value = value(request, task, f);
            if (value != null) {
                data.put(f.name(), value);
            }
        }
        tasks.complete(caller(request), id, data);
        redirect(request, response, ConsoleFilter.ROOT + "/work/workflows/" + task.workflowId(),
                "Task \u201c" + task.name() + "\u201d completed.");
    }

    private Object value(HttpServletRequest request, TaskView task, FormField f) throws IOException {
        String field = "f." + f.name();
        switch (f.type()) {
            case "Boolean":
                String b = request.getParameter(field);
                return b == null ? (f.required() ? Boolean.FALSE : null) : Boolean.valueOf("true".equals(b) || "on".equals(b));
            case "document":
                Part part = filePart(request, field + ".file");
                if (part != null) {
                    return BigDecimal.valueOf(upload(request, task.workflowId(), part).id());
                }
                String existing = optional(request, field);
                return existing == null ? null : number(existing, f);
            case "Integer": case "Long": case "Double": case "BigDecimal":
                String n = optional(request, field);
                return n == null ? null : number(n, f);
            default:
                return optional(request, field);
        }
    }

    private static BigDecimal number(String text, FormField f) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadInput(f.name() + " must be a number, not \u201c" + text + "\u201d.");
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        String state = optional(request, "state");
        WorkflowState s = null;
        if (state != null) {
            try {
                s = WorkflowState.valueOf(state.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new BadInput("State must be active, completed or aborted.");
            }
        }
        String process = optional(request, "processId");
        render(request, response, "work/workflows", Map.of("workflows", workflows.list(caller(request), s, process, 200),
                "state", state == null ? "" : state, "processId", process == null ? "" : process));
    }

    private void workflow(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        long id = id(m, 1);
        WorkflowDetail detail = workflows.workflow(caller(request), id)
                .orElseThrow(() -> new NotFound("There is no workflow " + id + " you may read."));
        List<DocumentView> docs = documents.documents(caller(request), id);
        List<TaskView> open = tasks.tasks(caller(request), true).stream().filter(t -> t.workflowId() == id).toList();
        render(request, response, "work/workflow", Map.of("w", detail, "documents", docs, "openTasks", open));
    }

    private void attach(HttpServletRequest request, HttpServletResponse response, Matcher m) throws IOException {
        long id = id(m, 1);
        Part part = filePart(request, "file");
        if (part == null) {
            throw new BadInput("Choose the file to attach.");
        }
        DocumentView doc = upload(request, id, part);
        String back = optional(request, "back");
        redirect(request, response, back != null && back.matches("/ui/work/tasks/[0-9]{1,18}") ? back
                : ConsoleFilter.ROOT + "/work/workflows/" + id, "Attached " + doc.name() + " (document " + doc.id() + ").");
    }

    private DocumentView upload(HttpServletRequest request, long workflowId, Part part) throws IOException {
        String name = part.getSubmittedFileName();
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, WorkflowDocuments.maxBytes() + 1));
        }
        return documents.add(caller(request), workflowId, name, part.getContentType(), bytes);
    }

    private static Part filePart(HttpServletRequest request, String name) throws IOException {
        try {
            Part part = request.getPart(name);
            return part == null || part.getSize() == 0 ? null : part;
        } catch (ServletException | IllegalStateException e) {
            throw new BadInput("The upload was not read: " + e.getMessage() + " (at most 10 MiB).");
        }
    }
}
