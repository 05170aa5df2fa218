package io.trunkline.ejb.calls.application;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.telecom.CallId;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.ejb.calls.domain.CallSearchStore;
import io.trunkline.ejb.calls.domain.LadderAssembly;
import io.trunkline.ejb.routing.api.RouteDecisions;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;

/**
 * The stored calls as ops and compliance read them: searched a page at a time (keyset paging, a capped total), read
 * whole, and read as a ladder with the decision that routed them (logged, or decided again).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CallRecordService implements CallRecords {

    @Inject
    private CallSearchStore store;
    @EJB
    private RouteDecisions decisions;

    public CallRecordService() {
    }

    CallRecordService(CallSearchStore store, RouteDecisions decisions) {
        this.store = store;
        this.decisions = decisions;
    }

    @Override
    public Page search(Query query) {
        try {
            // One more than the page tells whether a next page exists.
            List<CallSummary> found = store.calls(query, query.limit() + 1);
            boolean more = found.size() > query.limit();
            List<CallSummary> calls = more ? List.copyOf(found.subList(0, query.limit())) : List.copyOf(found);
            long total = store.count(query, TOTAL_CAP + 1);
            return new Page(Math.min(total, TOTAL_CAP), total > TOTAL_CAP, calls,
                    more ? calls.get(calls.size() - 1).cursor() : null);
        } catch (SQLException e) {
            throw new EJBException("call records not searched: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> record(CallId callId) {
        try {
            return store.record(callId);
        } catch (SQLException e) {
            throw new EJBException("call record " + callId + " not read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Ladder> ladder(CallId callId) {
        return record(callId).map(CallRecord::fromJson).map(r -> LadderAssembly.assemble(r, decisions.find(callId),
                request -> {
                    RouteDecisions.Rederived again = decisions.rederive(request);
                    return new LadderDecision(RE_DERIVED, again.decision().rulebookVersions(), again.decision(),
                            again.notes());
                }));
    }
}
