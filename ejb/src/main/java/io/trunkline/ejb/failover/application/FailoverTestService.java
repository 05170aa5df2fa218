package io.trunkline.ejb.failover.application;

import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.ejb.failover.api.FailoverTests;
import io.trunkline.ejb.workflow.infrastructure.WorkflowRuntime;
import io.trunkline.processes.failover.FailoverTestProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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

@Stateless
public class FailoverTestService implements FailoverTests {

    private static final String LANGUAGE = "en-UK";

    @EJB
    private WorkflowRuntime runtime;

    @Override
    public long start(CarrierId carrier, Duration window, String requestedBy) {
        Map<String, Object> variables = FailoverTestProcess.variables(carrier.value(), window);
        return runtime.withEngine(requestedBy, engine ->
                engine.getKieSession().startProcess(FailoverTestProcess.PROCESS_ID, variables).getId());
    }

    @Override
    public Optional<Workflow> workflow(long id) {
        AuditService audit = runtime.auditLog();
        ProcessInstanceLog log = audit.findProcessInstance(id);
        if (log == null) {
            return Optional.empty();
        }
        return Optional.of(new Workflow(id, log.getProcessId(), state(log.getStatus()),
                activeSteps(audit.findNodeInstances(id)), log.getIdentity(), instant(log.getStart()),
                instant(log.getEnd())));
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
