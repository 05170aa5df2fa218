package io.trunkline.ejb.porting.application;

import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.platform.infrastructure.AfterCommit;
import io.trunkline.ejb.porting.domain.PortInventory;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.WorkflowConflict;
import io.trunkline.ejb.workflow.api.WorkflowSteps;
import io.trunkline.processes.porting.NumberPortProcess;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Resource;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.inject.Inject;
import javax.transaction.TransactionSynchronizationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service steps of {@code porting.NumberPort}: reserve, letter of authorization, submission, escalation, the move
 * on port day, test calls, close and rollback. Each runs in the engine's transaction (the test calls outside it); a
 * move of numbers reloads the routing snapshot once it has committed, so the next call follows it.
 */
@Stateless
public class PortingSteps implements WorkflowSteps {

    private static final Logger LOG = LoggerFactory.getLogger(PortingSteps.class);
    private static final Set<String> ACTIONS = Set.of(NumberPortProcess.RESERVE, NumberPortProcess.LOA,
            NumberPortProcess.SUBMIT, NumberPortProcess.ESCALATE, NumberPortProcess.TRANSFER, NumberPortProcess.TEST_CALLS,
            NumberPortProcess.CLOSE, NumberPortProcess.ROLL_BACK);

    @Inject
    private PortInventory inventory;
    @EJB
    private RoutingDataHolder routing;
    @EJB
    private EventAlerts alerts;
    @EJB
    private PortingPaperwork paperwork;
    @EJB
    private PortTestCalls testCalls;
    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Override
    public Set<String> actions() {
        return ACTIONS;
    }

    @Override
    public boolean async(String action) {
        return action.equals(NumberPortProcess.TEST_CALLS);
    }

    @Override
    public Map<String, Object> run(String action, Step step) {
        try {
            return switch (action) {
                case NumberPortProcess.RESERVE -> reserve(step);
                case NumberPortProcess.LOA -> paperwork.letterOfAuthorization(step);
                case NumberPortProcess.SUBMIT -> paperwork.submit(step, desk(step.text(NumberPortProcess.GAINING)));
                case NumberPortProcess.ESCALATE -> escalate(step);
                case NumberPortProcess.TRANSFER -> transfer(step);
                case NumberPortProcess.TEST_CALLS -> testCalls.run(step);
                case NumberPortProcess.CLOSE -> close(step);
                case NumberPortProcess.ROLL_BACK -> rollBack(step);
                default -> throw new IllegalStateException("no porting step " + action);
            };
        } catch (SQLException e) {
            throw new IllegalStateException("porting step " + action + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> numbers(Step step) {
        return new ArrayList<>((List<String>) step.variable(NumberPortProcess.NUMBERS));
    }

    private Map<String, Object> reserve(Step step) throws SQLException {
        RoutingData data = routing.current();
        String losing = step.text(NumberPortProcess.LOSING);
        String gaining = step.text(NumberPortProcess.GAINING);
        String pbx = step.text(NumberPortProcess.TARGET_PBX);
        for (String[] carrier : new String[][]{{NumberPortProcess.LOSING, losing}, {NumberPortProcess.GAINING, gaining}}) {
            if (data.carrier(carrier[1]).isEmpty()) {
                throw new InvalidWorkflowInput("variables." + carrier[0], "no carrier '" + carrier[1] + "'");
            }
        }
        if (data.pbx(pbx).isEmpty()) {
            throw new InvalidWorkflowInput("variables." + NumberPortProcess.TARGET_PBX, "no PBX '" + pbx + "'");
        }
        desk(gaining);
        List<String> numbers = numbers(step);
        Map<String, PortInventory.Held> held = inventory.lockHeld(numbers);
        List<String> unknown = numbers.stream().filter(n -> !held.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidWorkflowInput("variables." + NumberPortProcess.NUMBERS, sample(unknown)
                    + " not DIDs of the enterprise (a port moves DIDs between carriers)");
        }
        List<String> elsewhere = held.values().stream().filter(h -> !h.carrier().equals(losing))
                .map(h -> h.number() + " (held by " + h.carrier() + ")").toList();
        if (!elsewhere.isEmpty()) {
            throw new InvalidWorkflowInput("variables." + NumberPortProcess.NUMBERS, sample(elsewhere)
                    + " not held by the losing carrier " + losing);
        }
        Map<String, Long> busy = inventory.inOpenPorts(numbers, step.workflowId());
        if (!busy.isEmpty()) {
            throw new WorkflowConflict("numbers_in_open_port", sample(busy.entrySet().stream()
                    .map(e -> e.getKey() + " (port " + e.getValue() + ")").toList()) + " already in an open port");
        }
        inventory.reserve(step.workflowId(), List.copyOf(held.values()), Instant.now());
        LOG.info("port {}: {} numbers reserved, {} to {}", step.workflowId(), numbers.size(), losing, gaining);
        return Map.of();
    }

    /** The first few of a list, then how many more: an error message stays readable for a range of thousands. */
    static String sample(List<String> items) {
        String shown = items.stream().limit(5).collect(Collectors.joining(", "));
        return (items.size() > 5 ? shown + " and " + (items.size() - 5) + " more" : shown) + (items.size() == 1 ? " is" : " are");
    }

    private PortInventory.Desk desk(String carrier) throws SQLException {
        return inventory.desk(carrier).orElseThrow(() -> new WorkflowConflict("no_porting_desk", "carrier " + carrier
                + " has no porting desk: set one with PUT /api/v1/porting/desks/" + carrier));
    }

    private Map<String, Object> escalate(Step step) {
        alerts.raise(new EventAlerts.EventAlert(EventAlerts.WORKFLOW, "port", "PORT-" + step.workflowId(),
                "No FOC date for a number port", "WARNING", "Port PORT-" + step.workflowId() + " (" + numbers(step).size()
                + " numbers, " + step.text(NumberPortProcess.LOSING) + " to " + step.text(NumberPortProcess.GAINING)
                + ", requested for " + step.text(NumberPortProcess.REQUESTED_DATE) + ") has no FOC date from "
                + step.text(NumberPortProcess.GAINING) + " after " + step.text(NumberPortProcess.FOC_ESCALATION)
                + " of business time. Chase the carrier's porting desk, then record the FOC on the task.", 0));
        return Map.of();
    }

    private Map<String, Object> transfer(Step step) throws SQLException {
        int moved = inventory.transfer(step.workflowId(), step.text(NumberPortProcess.GAINING),
                step.text(NumberPortProcess.TARGET_PBX), Instant.now());
        reloadRoutingAfterCommit();
        LOG.info("port {}: {} numbers moved to {} (PBX {})", step.workflowId(), moved, step.text(NumberPortProcess.GAINING),
                step.text(NumberPortProcess.TARGET_PBX));
        return Map.of(NumberPortProcess.PORTED, Boolean.TRUE);
    }

    private Map<String, Object> close(Step step) throws SQLException {
        inventory.close(step.workflowId(), Instant.now());
        return Map.of();
    }

    private Map<String, Object> rollBack(Step step) throws SQLException {
        int moved = inventory.rollBack(step.workflowId(), Instant.now());
        reloadRoutingAfterCommit();
        alerts.raise(new EventAlerts.EventAlert(EventAlerts.WORKFLOW, "port", "PORT-" + step.workflowId(),
                "Number port rolled back", "CRITICAL", "Port PORT-" + step.workflowId() + ": a test call after the move to "
                + step.text(NumberPortProcess.GAINING) + " did not reach " + step.text(NumberPortProcess.TARGET_PBX)
                + ", so its " + moved + " numbers are back with " + step.text(NumberPortProcess.LOSING) + ".\n"
                + step.text("testReport"), 0));
        return Map.of(NumberPortProcess.PORTED, Boolean.FALSE);
    }

    /** The next call decided after this transaction sees the moved numbers (the edge asks for every call). */
    private void reloadRoutingAfterCommit() {
        AfterCommit.run(transactions, () -> {
            try {
                routing.reload();
            } catch (RuntimeException e) {
                LOG.error("routing data not reloaded after a port's move", e);
            }
        });
    }
}
