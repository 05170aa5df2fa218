package io.trunkline.ejb.workflow.application;

import io.trunkline.ejb.workflow.infrastructure.InstanceVariables;
import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.FormField;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.TaskView;
import io.trunkline.ejb.workflow.api.WorkflowConflict;
import io.trunkline.ejb.workflow.api.WorkflowDetail;
import io.trunkline.ejb.workflow.api.WorkflowDocuments;
import io.trunkline.ejb.workflow.api.WorkflowEvent;
import io.trunkline.ejb.workflow.api.WorkflowNotFound;
import io.trunkline.ejb.workflow.api.WorkflowState;
import io.trunkline.ejb.workflow.api.WorkflowSummary;
import io.trunkline.ejb.workflow.api.WorkflowTasks;
import io.trunkline.ejb.workflow.api.Workflows;
import io.trunkline.ejb.workflow.domain.ProcessAccess;
import io.trunkline.ejb.workflow.domain.TaskForm;
import io.trunkline.ejb.workflow.domain.Timeline;
import io.trunkline.ejb.workflow.domain.Timeline.Kinds;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore;
import io.trunkline.ejb.workflow.domain.WorkflowEventStore.NewEvent;
import io.trunkline.ejb.workflow.infrastructure.JbpmTaskForms;
import io.trunkline.ejb.workflow.infrastructure.WorkflowRuntime;
import io.trunkline.processes.ProcessCatalog;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.inject.Inject;
import org.jbpm.services.task.exception.PermissionDeniedException;
import org.kie.api.definition.process.Process;
import org.kie.api.runtime.manager.audit.ProcessInstanceLog;
import org.kie.api.task.TaskService;
import org.kie.api.task.model.Status;
import org.kie.api.task.model.Task;
import org.kie.api.task.model.TaskSummary;
import org.kie.internal.runtime.manager.audit.query.AuditLogQueryBuilder;

/**
 * The workflow and task API over the jBPM runtime: who may do what ({@link ProcessAccess}), task forms checked
 * before the task is touched, and the audit trail's entries for what only the API knows (a cancellation's reason,
 * the submitted form). jBPM's process log is the source of each workflow's state; the trail, of who did what.
 * The runtime bean manages its own transactions (jBPM begins one per engine command), so this bean's entries are
 * written in its own transaction, before the engine work, and rolled back when that work fails.
 */
@Stateless
public class WorkflowService implements Workflows, WorkflowTasks {

    private static final String LANGUAGE = "en-UK";
    /** Task inputs that configure the task rather than inform its owner. */
    private static final Set<String> TECHNICAL_INPUTS = Set.of("TaskName", "GroupId", "Skippable", "NodeName",
            "OptionalOutputs", "FormTypes", "ActorId", "Comment", "Description", "Priority", "Locale", "CreatedBy", "Content");

    @EJB
    private WorkflowRuntime runtime;
    @Inject
    private WorkflowEventStore events;
    @EJB
    private WorkflowDocuments documents;

    public WorkflowService() {
    }

    WorkflowService(WorkflowRuntime runtime, WorkflowEventStore events) {
        this.runtime = runtime;
        this.events = events;
    }

    @Override
    public WorkflowSummary start(Caller caller, String processId, Map<String, Object> variables) {
        ProcessCatalog.ProcessEntry entry = ProcessCatalog.entry(processId)
                .orElseThrow(() -> new InvalidWorkflowInput("processId", "no process " + processId + "; the platform runs "
                        + ProcessCatalog.ALL.stream().map(ProcessCatalog.ProcessEntry::id).toList()));
        if (!ProcessAccess.of(processId, caller.roles()).acts()) {
            throw new SecurityException("user " + caller.user() + " may not start " + processId);
        }
        Map<String, Object> checked;
        try {
            checked = entry.variables().apply(variables == null ? Map.of() : variables);
        } catch (ProcessCatalog.InvalidVariable e) {
            throw new InvalidWorkflowInput("variables." + e.name(), e.getMessage().substring(e.name().length() + 2));
        }
        Instant startedAt = Instant.now();
        int[] state = new int[1];
        long id;
        try {
            id = runtime.withEngine(caller.user(), engine -> {
                // The current version; instances of retired versions finish on theirs.
                org.kie.api.runtime.process.ProcessInstance pi = engine.getKieSession().startProcess(entry.processId(), checked);
                state[0] = pi.getState();
                return pi.getId();
            });
        } catch (RuntimeException e) {
            // A first service step may refuse the start (numbers already in an open port): jBPM wraps what it threw.
            throw refusal(e);
        }
        Process p = runtime.kieBase().getProcess(entry.processId());
        return new WorkflowSummary(id, processId, p.getName(), p.getVersion(), WorkflowState.of(state[0]), caller.user(),
                startedAt, state[0] == WorkflowState.ACTIVE.code() ? null : Instant.now());
    }

    @Override
    public List<WorkflowSummary> list(Caller caller, WorkflowState state, String processId, int limit) {
        List<String> readable = ProcessCatalog.ALL.stream()
                .filter(e -> ProcessAccess.of(e.id(), caller.roles()).reads())
                .filter(e -> processId == null || e.id().equals(processId))
                .flatMap(e -> e.processIds().stream()).toList();
        if (readable.isEmpty()) {
            return List.of();
        }
        var query = runtime.auditLog().processInstanceLogQuery().processId(readable.toArray(String[]::new));
        if (state != null) {
            query = query.status(state.code());
        }
        List<ProcessInstanceLog> logs = query.descending(AuditLogQueryBuilder.OrderBy.processInstanceId)
                .maxResults(limit).build().getResultList();
        Map<Long, String> starters = read(() -> events.starters(logs.stream().map(ProcessInstanceLog::getProcessInstanceId).toList()));
        return logs.stream().map(l -> summary(l, starters.get(l.getProcessInstanceId()))).toList();
    }

    @Override
    public Optional<WorkflowDetail> workflow(Caller caller, long id) {
        return readable(caller, id).map(log -> {
            List<WorkflowEvent> timeline = read(() -> events.forInstance(id));
            WorkflowSummary s = summary(log, starter(timeline));
            return new WorkflowDetail(s, Timeline.activeSteps(s.state(), timeline), Timeline.variables(timeline), timeline);
        });
    }

    @Override
    public Optional<List<WorkflowEvent>> audit(Caller caller, long id) {
        return readable(caller, id).map(log -> read(() -> events.forInstance(id)));
    }

    @Override
    public WorkflowSummary cancel(Caller caller, long id, String reason) {
        ProcessInstanceLog log = readable(caller, id).orElseThrow(() -> new WorkflowNotFound("no workflow " + id));
        if (!ProcessAccess.of(log.getProcessId(), caller.roles()).acts()) {
            throw new SecurityException("user " + caller.user() + " may not cancel workflow " + id);
        }
        WorkflowState state = WorkflowState.of(log.getStatus());
        if (state != WorkflowState.ACTIVE) {
            throw new WorkflowConflict("not_active", "workflow " + id + " is " + state + ", not ACTIVE");
        }
        ProcessCatalog.ProcessEntry entry = ProcessCatalog.owner(log.getProcessId()).orElse(null);
        if (entry != null) {
            Map<String, Object> variables = runtime.withEngine(caller.user(),
                    engine -> engine.getKieSession().execute(new InstanceVariables(id)));
            if (variables != null && !entry.cancellable().test(variables)) {
                throw new WorkflowConflict("not_cancellable", "workflow " + id + " can no longer be cancelled: " + entry.whyNot());
            }
        }
        append(NewEvent.of(id, log.getProcessId(), caller.user(), Kinds.CANCEL_REQUESTED, reason));
        runtime.withEngine(caller.user(), engine -> {
            engine.getKieSession().abortProcessInstance(id);
            return null;
        });
        String starter = read(() -> events.starters(List.of(id))).get(id);
        WorkflowSummary before = summary(log, starter);
        return new WorkflowSummary(id, before.processId(), before.processName(), before.version(), WorkflowState.ABORTED,
                before.startedBy(), before.startedAt(), Instant.now());
    }

    @Override
    public List<TaskView> tasks(Caller caller, boolean openOnly) {
        return runtime.withEngine(caller.user(), engine -> {
            TaskService tasks = engine.getTaskService();
            List<TaskSummary> found = new ArrayList<>(tasks.getTasksAssignedAsPotentialOwner(caller.user(), LANGUAGE));
            if (!openOnly) {
                found.addAll(tasks.getTasksOwnedByStatus(caller.user(),
                        List.of(Status.Completed, Status.Exited, Status.Failed, Status.Obsolete, Status.Error), LANGUAGE));
            }
            List<TaskView> out = new ArrayList<>();
            for (TaskSummary t : found) {
                if (ProcessAccess.of(t.getProcessId(), caller.roles()).reads()) {
                    TaskForm form = JbpmTaskForms.of(runtime.kieBase(), t.getProcessId(), null, t.getName());
                    out.add(new TaskView(t.getId(), t.getName(), t.getStatusId(), t.getProcessInstanceId(),
                            t.getProcessId(), t.getActualOwnerId(), instant(t.getCreatedOn()), Map.of(), form.fields()));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<TaskView> task(Caller caller, long id) {
        return runtime.withEngine(caller.user(), engine -> {
            Task t = engine.getTaskService().getTaskById(id);
            if (t == null || !ProcessAccess.of(t.getTaskData().getProcessId(), caller.roles()).reads()) {
                return Optional.empty();
            }
            Map<String, Object> inputs = new LinkedHashMap<>();
            Map<String, Object> content = engine.getTaskService().getTaskContent(id);
            if (content != null) {
                content.forEach((k, v) -> {
                    if (!TECHNICAL_INPUTS.contains(k) && v != null) {
                        inputs.put(k, String.valueOf(v));
                    }
                });
            }
            return Optional.of(view(t, inputs));
        });
    }

    @Override
    public TaskView claim(Caller caller, long id) {
        return runtime.withEngine(caller.user(), engine -> {
            TaskService tasks = engine.getTaskService();
            Task t = actionable(caller, tasks, id);
            Status status = t.getTaskData().getStatus();
            String owner = t.getTaskData().getActualOwner() == null ? null : t.getTaskData().getActualOwner().getId();
            if (status == Status.Reserved || status == Status.InProgress) {
                if (caller.user().equals(owner)) {
                    return view(t, Map.of());
                }
                throw new WorkflowConflict("task_claimed", "task " + id + " is claimed by " + owner);
            }
            if (status != Status.Ready) {
                throw new WorkflowConflict("not_open", "task " + id + " is " + status);
            }
            try {
                tasks.claim(id, caller.user());
            } catch (PermissionDeniedException e) {
                throw new SecurityException("user " + caller.user() + " may not claim task " + id, e);
            }
            return view(tasks.getTaskById(id), Map.of());
        });
    }

    @Override
    public void complete(Caller caller, long id, Map<String, Object> data) {
        Task t = runtime.withEngine(caller.user(), engine -> actionable(caller, engine.getTaskService(), id));
        TaskForm form = JbpmTaskForms.of(runtime.kieBase(), t);
        Map<String, Object> typed = form.read(data);
        long workflowId = t.getTaskData().getProcessInstanceId();
        for (FormField f : form.fields()) {
            if (f.type().equals(TaskForm.DOCUMENT) && typed.get(f.name()) instanceof Long docId) {
                // A signed scan is a person's upload to this very workflow, not the letter the platform generated.
                boolean uploaded = documents.documents(caller, workflowId).stream()
                        .anyMatch(d -> d.id() == docId && d.kind().equals("UPLOAD"));
                if (!uploaded) {
                    throw new InvalidWorkflowInput("data." + f.name(), "must be the id of a document uploaded to workflow "
                            + workflowId + " (POST /workflows/" + workflowId + "/documents)");
                }
            }
        }
        // In this bean's transaction: rolled back if the completion below fails.
        append(new NewEvent(t.getTaskData().getProcessInstanceId(), t.getTaskData().getProcessId(), Instant.now(),
                caller.user(), Kinds.TASK_FORM_SUBMITTED, null, null, null, id, t.getName(), null, null, null,
                json(typed)));
        try {
            completeTask(caller, id, t, typed);
        } catch (RuntimeException e) {
            // The step the completion reaches may refuse it (the gaining carrier has no porting desk).
            throw refusal(e);
        }
    }

    private void completeTask(Caller caller, long id, Task t, Map<String, Object> typed) {
        runtime.withEngine(caller.user(), engine -> {
            TaskService tasks = engine.getTaskService();
            Status status = t.getTaskData().getStatus();
            try {
                if (status == Status.Ready) {
                    tasks.claim(id, caller.user());
                    status = Status.Reserved;
                }
                if (status == Status.Reserved) {
                    tasks.start(id, caller.user());
                }
                tasks.complete(id, caller.user(), new LinkedHashMap<>(typed));
            } catch (PermissionDeniedException e) {
                throw new SecurityException("user " + caller.user() + " may not work on task " + id + " (" + status + ")", e);
            }
            return null;
        });
    }

    /** What a step's refusal inside jBPM's wrapping exceptions was, or the exception itself. */
    static RuntimeException refusal(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidWorkflowInput || t instanceof WorkflowConflict || t instanceof SecurityException) {
                return (RuntimeException) t;
            }
        }
        return e;
    }

    /** The task, if the caller may act on it: unknown or unreadable is not found, readable only is forbidden. */
    private static Task actionable(Caller caller, TaskService tasks, long id) {
        Task t = tasks.getTaskById(id);
        ProcessAccess access = t == null ? ProcessAccess.NONE : ProcessAccess.of(t.getTaskData().getProcessId(), caller.roles());
        if (!access.reads()) {
            throw new WorkflowNotFound("no task " + id);
        }
        if (!access.acts()) {
            throw new SecurityException("user " + caller.user() + " may not work on task " + id);
        }
        return t;
    }

    private TaskView view(Task t, Map<String, Object> inputs) {
        String owner = t.getTaskData().getActualOwner() == null ? null : t.getTaskData().getActualOwner().getId();
        List<FormField> form = JbpmTaskForms.of(runtime.kieBase(), t).fields();
        return new TaskView(t.getId(), t.getName(), t.getTaskData().getStatus().name(),
                t.getTaskData().getProcessInstanceId(), t.getTaskData().getProcessId(), owner,
                instant(t.getTaskData().getCreatedOn()), inputs, form);
    }

    private Optional<ProcessInstanceLog> readable(Caller caller, long id) {
        ProcessInstanceLog log = runtime.auditLog().findProcessInstance(id);
        if (log == null || !ProcessAccess.of(log.getProcessId(), caller.roles()).reads()) {
            return Optional.empty();
        }
        return Optional.of(log);
    }

    private static WorkflowSummary summary(ProcessInstanceLog log, String startedBy) {
        // The process's name in the API, whichever of its versions the instance runs on (the version says which).
        String processId = ProcessCatalog.owner(log.getProcessId()).map(ProcessCatalog.ProcessEntry::id)
                .orElse(log.getProcessId());
        return new WorkflowSummary(log.getProcessInstanceId(), processId, log.getProcessName(),
                log.getProcessVersion(), WorkflowState.of(log.getStatus()),
                startedBy != null ? startedBy : log.getIdentity(), instant(log.getStart()), instant(log.getEnd()));
    }

    private static String starter(List<WorkflowEvent> timeline) {
        return timeline.stream().filter(e -> e.kind().equals(Kinds.PROCESS_STARTED)).map(WorkflowEvent::actor)
                .findFirst().orElse(null);
    }

    private void append(NewEvent e) {
        read(() -> {
            events.append(e);
            return null;
        });
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T read(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("workflow audit trail: " + e.getMessage(), e);
        }
    }

    /** Form data as a JSON object, for the audit trail. */
    static String json(Map<String, Object> data) {
        StringBuilder b = new StringBuilder("{");
        data.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(quote(k)).append(':').append(v instanceof String s ? quote(s) : String.valueOf(v));
        });
        return b.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
