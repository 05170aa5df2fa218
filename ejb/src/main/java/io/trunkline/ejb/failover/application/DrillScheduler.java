package io.trunkline.ejb.failover.application;

import io.trunkline.ejb.failover.domain.DrillSchedule;
import io.trunkline.ejb.failover.domain.DrillScheduleStore;
import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.WorkflowSummary;
import io.trunkline.ejb.workflow.api.Workflows;
import io.trunkline.processes.failover.FailoverDrillProcess;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.ejb.EJB;
import javax.ejb.Schedule;
import javax.ejb.SessionContext;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.annotation.Resource;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the scheduled drills: every minute each node looks for due slots; a slot is claimed by a compare-and-set on
 * its schedule's row before its drill starts, in one transaction, so across a cluster each slot starts one drill,
 * and a start that fails leaves the slot unclaimed for the next minute (within the schedule's grace).
 */
@Stateless
public class DrillScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(DrillScheduler.class);
    /** Who the audit trail names for scheduled drills; it acts with the rights of the platform itself. */
    static final Caller SYSTEM = new Caller("system", Set.of("admin"));

    @Inject
    private DrillScheduleStore store;
    @EJB
    private Workflows workflows;
    @Resource
    private SessionContext self;

    @Schedule(second = "0", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void everyMinute() {
        Instant now = Instant.now();
        try {
            for (DrillSchedule s : store.all()) {
                Optional<Instant> slot = s.due(now);
                if (slot.isPresent()) {
                    try {
                        self.getBusinessObject(DrillScheduler.class).start(s, slot.get(), now);
                    } catch (RuntimeException e) {
                        LOG.error("scheduled drill of {} at {} not started: {}", s.carrier(), slot.get(), e.getMessage(), e);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("drill schedules not read: {}", e.getMessage(), e);
        }
    }

    /** Claims the slot and starts its drill in one transaction; false when another node had claimed it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean start(DrillSchedule s, Instant slot, Instant now) {
        try {
            if (!store.claim(s.carrier(), slot, now)) {
                return false;
            }
            WorkflowSummary started = workflows.start(SYSTEM, FailoverDrillProcess.PROCESS_ID, s.variables());
            store.started(s.carrier(), started.id());
            LOG.info("scheduled drill of {} for {} started: workflow {}", s.carrier(), slot, started.id());
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
