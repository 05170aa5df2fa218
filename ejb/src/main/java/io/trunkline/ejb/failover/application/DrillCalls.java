package io.trunkline.ejb.failover.application;

import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.testcall.TestCallCodec;
import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
import io.trunkline.ejb.platform.api.EdgeTestCalls;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.Pbx;
import io.trunkline.ejb.workflow.api.WorkflowSteps;
import io.trunkline.processes.failover.FailoverDrillProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drill's synthetic calls: one per test number, OUTBOUND from the drill's source PBX as one of its users would
 * dial it, placed by an edge node one after another (test ids {@code drill-<id>-base-<n>} for the baseline,
 * {@code drill-<id>-<n>} with the carrier under test down). Each result is kept as the edge's own JSON; a call no
 * node took is a FAILED result with the reason, so the verdict still sees one result per number.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DrillCalls {

    private static final Logger LOG = LoggerFactory.getLogger(DrillCalls.class);

    @EJB
    private EdgeTestCalls edge;
    @EJB
    private RoutingDataHolder routing;

    /** @param drill true: the carrier under test is down for these calls */
    public ArrayList<String> place(WorkflowSteps.Step step, boolean drill) {
        List<String> numbers = DrillSteps.numbers(step);
        String pbx = step.text(FailoverDrillProcess.SOURCE_PBX);
        String carrier = step.text(FailoverDrillProcess.CARRIER);
        String caller = caller(pbx);
        ArrayList<String> results = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String id = "drill-" + step.workflowId() + (drill ? "-" : "-base-") + (i + 1);
            TestCallResult r;
            try {
                r = edge.place(new TestCallRequest(id, RouteRequest.Direction.OUTBOUND, pbx, caller, numbers.get(i),
                        drill ? Set.of(carrier) : Set.of(), TestCallRequest.DEFAULT_HOLD_MS,
                        TestCallRequest.DEFAULT_TIMEOUT_MS));
            } catch (EdgeTestCalls.Unavailable | IllegalArgumentException e) {
                r = new TestCallResult(id, null, TestCallResult.Outcome.FAILED, 0, null, null, List.of(),
                        "not placed: " + e.getMessage());
            }
            LOG.info("drill {}: test call {} to {}: {} {} by {}", step.workflowId(), id, numbers.get(i), r.outcome(),
                    r.sipCode(), r.answeredBy());
            results.add(TestCallCodec.write(r));
        }
        return results;
    }

    /** The calling number a user of the PBX sends: the first extension of its ranges, else its main number. */
    private String caller(String pbxId) {
        Pbx pbx = routing.current().pbx(pbxId).orElse(null);
        if (pbx == null) {
            return "anonymous";
        }
        if (!pbx.extensionRanges().isEmpty()) {
            return pbx.extensionRanges().get(0).split("-")[0].trim();
        }
        return pbx.mainNumber() == null ? "anonymous" : pbx.mainNumber().value();
    }
}
