package io.trunkline.ejb.failover.application;

import io.trunkline.ejb.failover.api.FailoverDrills;
import io.trunkline.ejb.failover.domain.DrillSchedule;
import io.trunkline.ejb.failover.domain.DrillScheduleStore;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.WorkflowNotFound;
import io.trunkline.processes.ProcessCatalog;
import io.trunkline.processes.failover.FailoverDrillProcess;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.inject.Inject;

/** The drill schedules over table failover_drill_schedule, each checked as the drill it will start. */
@Stateless
public class FailoverDrillService implements FailoverDrills {

    @Inject
    private DrillScheduleStore store;
    @EJB
    private RoutingDataHolder routing;

    @Override
    public List<Schedule> schedules() {
        try {
            return store.all().stream().map(FailoverDrillService::view).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("drill schedules not read: " + e.getMessage(), e);
        }
    }

    @Override
    public Schedule put(Caller caller, String carrier, ScheduleRequest r) {
        RoutingData data = routing.current();
        if (data.carrier(carrier).isEmpty()) {
            throw new WorkflowNotFound("no carrier " + carrier);
        }
        if (r.expectCarrier() != null && data.carrier(r.expectCarrier()).isEmpty()) {
            throw new InvalidWorkflowInput("expectCarrier", "no carrier '" + r.expectCarrier() + "'");
        }
        if (r.sourcePbx() == null || data.pbx(r.sourcePbx()).isEmpty()) {
            throw new InvalidWorkflowInput("sourcePbx", "no PBX '" + r.sourcePbx() + "'");
        }
        DrillSchedule schedule;
        try {
            ZoneId zone = ZoneId.of(r.zone() == null ? "" : r.zone().trim());
            LocalTime time = DrillSchedule.time(r.time()).truncatedTo(ChronoUnit.MINUTES);
            schedule = new DrillSchedule(carrier, r.sourcePbx(), List.of(), r.expectCarrier(), 0,
                    DrillSchedule.days(r.days()), time, zone, r.enabled(), caller.user(), Instant.now(), null, null);
        } catch (DateTimeException e) {
            throw new InvalidWorkflowInput("zone", "'" + r.zone() + "' is not a time zone such as Europe/London");
        } catch (IllegalArgumentException e) {
            throw new InvalidWorkflowInput(e.getMessage().contains("local time") ? "time" : "days", e.getMessage());
        }
        Map<String, Object> given = new java.util.HashMap<>(schedule.variables());
        given.put(FailoverDrillProcess.TEST_NUMBERS, r.testNumbers());
        given.remove(FailoverDrillProcess.MAX_ADDED_SETUP_MS);
        if (r.maxAddedSetupMs() != null) {
            given.put(FailoverDrillProcess.MAX_ADDED_SETUP_MS, r.maxAddedSetupMs());
        }
        Map<String, Object> vars;
        try {
            vars = FailoverDrillProcess.variables(given);
        } catch (ProcessCatalog.InvalidVariable e) {
            throw new InvalidWorkflowInput(e.name(), e.getMessage());
        }
        @SuppressWarnings("unchecked")
        List<String> numbers = (List<String>) vars.get(FailoverDrillProcess.TEST_NUMBERS);
        DrillSchedule checked = new DrillSchedule(carrier, schedule.sourcePbx(), numbers, schedule.expectCarrier(),
                (Integer) vars.get(FailoverDrillProcess.MAX_ADDED_SETUP_MS), schedule.days(), schedule.time(),
                schedule.zone(), schedule.enabled(), schedule.updatedBy(), schedule.updatedAt(), null, null);
        try {
            store.put(checked);
            return view(store.find(carrier).orElseThrow());
        } catch (SQLException e) {
            throw new IllegalStateException("drill schedule not stored: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Caller caller, String carrier) {
        try {
            if (!store.delete(carrier)) {
                throw new WorkflowNotFound("carrier " + carrier + " has no drill schedule");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("drill schedule not deleted: " + e.getMessage(), e);
        }
    }

    static Schedule view(DrillSchedule s) {
        return new Schedule(s.carrier(), s.sourcePbx(), s.testNumbers(), s.expectCarrier(), s.maxAddedSetupMs(),
                s.daysText(), s.time().toString(), s.zone().getId(), s.enabled(), s.updatedBy(), s.updatedAt(),
                s.lastStartedAt(), s.lastWorkflowId());
    }
}
