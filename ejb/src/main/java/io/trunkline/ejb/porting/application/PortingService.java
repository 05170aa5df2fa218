package io.trunkline.ejb.porting.application;

import io.trunkline.ejb.porting.api.Porting;
import io.trunkline.ejb.porting.domain.PortInventory;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.WorkflowConflict;
import io.trunkline.ejb.workflow.api.WorkflowNotFound;
import io.trunkline.ejb.workflow.domain.ProcessAccess;
import io.trunkline.ejb.workflow.infrastructure.WorkflowRuntime;
import io.trunkline.processes.porting.NumberPortProcess;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.inject.Inject;
import io.trunkline.ejb.workflow.infrastructure.InstanceVariables;
import org.drools.core.command.runtime.process.SetProcessInstanceVariablesCommand;
import org.jbpm.process.audit.ProcessInstanceLog;

/** Porting desks, a port's numbers and its rescheduling, over the porting tables and the workflow runtime. */
@Stateless
public class PortingService implements Porting {

    /** An address as RFC 5321 allows in practice: local part, @, a domain with a dot; no spaces or angle brackets. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\",;]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    @Inject
    private PortInventory inventory;
    @EJB
    private RoutingDataHolder routing;
    @EJB
    private WorkflowRuntime runtime;

    @Override
    public List<Desk> desks() {
        return sql(() -> inventory.desks().stream().map(d -> new Desk(d.carrier(), d.email(), d.contact(), d.updatedAt()))
                .toList());
    }

    @Override
    public Desk putDesk(Caller caller, String carrier, String email, String contact) {
        if (routing.current().carrier(carrier).isEmpty()) {
            throw new WorkflowNotFound("no carrier " + carrier);
        }
        if (email == null || !EMAIL.matcher(email.trim()).matches()) {
            throw new InvalidWorkflowInput("email", "must be an e-mail address such as porting@carrier.example");
        }
        if (contact != null && contact.length() > 200) {
            throw new InvalidWorkflowInput("contact", "must be at most 200 characters");
        }
        PortInventory.Desk desk = new PortInventory.Desk(carrier, email.trim(), contact, Instant.now());
        sql(() -> {
            inventory.putDesk(desk);
            return null;
        });
        return new Desk(desk.carrier(), desk.email(), desk.contact(), desk.updatedAt());
    }

    @Override
    public List<PortedNumber> numbers(Caller caller, long portId) {
        port(caller, portId, false);
        return sql(() -> inventory.numbers(portId).stream().map(n -> new PortedNumber(n.number(), n.previousCarrier(),
                n.previousPbx(), n.extension(), n.state(), n.changedAt())).toList());
    }

    @Override
    public void reschedule(Caller caller, long portId, String focAt, String requestedDate) {
        ProcessInstanceLog log = port(caller, portId, true);
        if (log.getStatus() != 1) {
            throw new WorkflowConflict("not_active", "port " + portId + " is not open");
        }
        if ((focAt == null) == (requestedDate == null)) {
            throw new InvalidWorkflowInput("focAt", "give either focAt (once the FOC is recorded) or requestedDate");
        }
        Map<String, Object> vars = runtime.withEngine(caller.user(),
                e -> e.getKieSession().execute(new InstanceVariables(portId)));
        if (vars == null || Boolean.TRUE.equals(vars.get(NumberPortProcess.PORTED))) {
            throw new WorkflowConflict("not_cancellable", "port " + portId + " has moved its numbers: it can no longer be rescheduled");
        }
        Map<String, Object> change = new HashMap<>();
        if (requestedDate != null) {
            try {
                change.put(NumberPortProcess.REQUESTED_DATE, LocalDate.parse(requestedDate).toString());
            } catch (DateTimeParseException e) {
                throw new InvalidWorkflowInput("requestedDate", "must be an ISO-8601 date such as 2026-12-18");
            }
        } else {
            if (vars.get(NumberPortProcess.FOC_AT) == null) {
                throw new WorkflowConflict("no_foc", "port " + portId + " has no FOC date yet: record it on its task, "
                        + "or move requestedDate");
            }
            try {
                change.put(NumberPortProcess.FOC_AT, OffsetDateTime.parse(focAt).toInstant().toString());
            } catch (DateTimeParseException e) {
                throw new InvalidWorkflowInput("focAt", "must be an ISO-8601 date-time with its offset, such as 2026-12-18T06:00:00Z");
            }
        }
        runtime.withEngine(caller.user(), e -> {
            e.getKieSession().execute(new SetProcessInstanceVariablesCommand(portId, change));
            if (change.containsKey(NumberPortProcess.FOC_AT)) {
                // Re-arms the port-day timer with the new date (the process waits on the timer or this signal).
                e.getKieSession().signalEvent(NumberPortProcess.RESCHEDULE_SIGNAL, null, portId);
            }
            return null;
        });
    }

    private ProcessInstanceLog port(Caller caller, long portId, boolean acts) {
        ProcessInstanceLog log = runtime.auditLog().findProcessInstance(portId);
        ProcessAccess access = ProcessAccess.of(NumberPortProcess.PROCESS_ID, caller.roles());
        if (log == null || !log.getProcessId().equals(NumberPortProcess.PROCESS_ID) || !access.reads()) {
            throw new WorkflowNotFound("no port " + portId);
        }
        if (acts && !access.acts()) {
            throw new SecurityException("user " + caller.user() + " may not reschedule port " + portId);
        }
        return log;
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("porting tables: " + e.getMessage(), e);
        }
    }
}
