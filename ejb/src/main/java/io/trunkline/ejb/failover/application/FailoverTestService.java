package io.trunkline.ejb.failover.application;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.failover.api.FailoverTests;
import io.trunkline.ejb.workflow.infrastructure.WorkflowRuntime;
import io.trunkline.processes.failover.FailoverTestProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import org.kie.api.runtime.manager.audit.AuditService;
import org.kie.api.runtime.manager.audit.NodeInstanceLog;
import org.kie.api.runtime.manager.audit.ProcessInstanceLog;
import org.kie.api.runtime.process.ProcessInstance;
import org.kie.api.task.TaskService;
import org.kie.api.task.model.Status;
import org.kie.api.task.model.TaskSummary;
import org.jbpm.services.task.exception.PermissionDeniedException;

@Stateless
public class FailoverTestService implements FailoverTests {

    private static final String LANGUAGE = "en-UK";

    @EJB
    private WorkflowRuntime runtime;

    @Override
    public long start(CarrierId carrier, Duration window, String requestedBy) {
        Map<String, Object> variables = FailoverTestProcess.variables(carrier.value(), window);
        return runtime.withEngine(engine ->
                engine.getKieSession().startProcess(FailoverTestProcess.PROCESS_ID, variables).getId());
    }

    @Override
    public Optional<Workflow> workflow(long id) {
        return runtime.withEngine(engine -> {
            AuditService audit = engine.getAuditService();
            ProcessInstanceLog log = audit.findProcessInstance(id);
            if (log == null) {
                return Optional.empty();
            }
            return Optional.of(new Workflow(id, log.getProcessId(), state(log.getStatus()),
                    activeSteps(audit.findNodeInstances(id)), log.getIdentity(), instant(log.getStart()),
                    instant(log.getEnd())));
        });
    }

    @Override
    public List<Task> tasksFor(String user) {
        return runtime.withEngine(engine -> {
            List<Task> out = new ArrayList<>();
            for (TaskSummary t : engine.getTaskService().getTasksAssignedAsPotentialOwner(user, LANGUAGE)) {
                out.add(new Task(t.getId(), t.getName(), t.getStatusId(), t.getProcessInstanceId(), t.getProcessId(),
                        t.getActualOwnerId(), instant(t.getCreatedOn())));
            }
            return out;
        });
    }

    @Override
    public void complete(long taskId, String user) {
        runtime.withEngine(engine -> {
            TaskService tasks = engine.getTaskService();
            org.kie.api.task.model.Task task = tasks.getTaskById(taskId);
            if (task == null) {
                throw new IllegalArgumentException("task " + taskId + " does not exist");
            }
            Status status = task.getTaskData().getStatus();
            try {
                if (status == Status.Ready) {
                    tasks.claim(taskId, user);
                    status = Status.Reserved;
                }
                if (status == Status.Reserved) {
                    tasks.start(taskId, user);
                }
                tasks.complete(taskId, user, new HashMap<>());
            } catch (PermissionDeniedException e) {
                throw new SecurityException("user " + user + " may not work on task " + taskId + " (" + status + ")", e);
            }
            return null;
        });
    }

    private static String state(Integer status) {
        if (status == null) {
            return "UNKNOWN";
        }
        return switch (status) {
            case ProcessInstance.STATE_PENDING -> "PENDING";
            case ProcessInstance.STATE_ACTIVE -> "ACTIVE";
            case ProcessInstance.STATE_COMPLETED -> "COMPLETED";
            case ProcessInstance.STATE_ABORTED -> "ABORTED";
            case ProcessInstance.STATE_SUSPENDED -> "SUSPENDED";
            default -> "UNKNOWN";
        };
    }

    /** Nodes entered and not yet left, by name, in the order they were entered. */
    static List<String> activeSteps(List<? extends NodeInstanceLog> logs) {
        Map<String, String> open = new LinkedHashMap<>();
        for (NodeInstanceLog l : logs) {
            if (l.getType() != null && l.getType() == NodeInstanceLog.TYPE_ENTER) {
                open.put(l.getNodeInstanceId(), l.getNodeName());
            }
        }
        for (NodeInstanceLog l : logs) {
            if (l.getType() != null && l.getType() != NodeInstanceLog.TYPE_ENTER) {
                open.remove(l.getNodeInstanceId());
            }
        }
        return List.copyOf(open.values());
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
