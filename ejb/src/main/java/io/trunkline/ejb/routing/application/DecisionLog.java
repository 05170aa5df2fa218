package io.trunkline.ejb.routing.application;

import io.trunkline.contract.routing.RouteDecision;
import java.util.Optional;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;

/**
 * The most recent decisions by call id, so an analyst or ops engineer can read why a call went where it
 * went. Bounded: the oldest decision is forgotten once {@value #CAPACITY} are kept. (Every call's record,
 * with its decision, is stored for good with the call records.)
 */
@Singleton
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DecisionLog {

    static final int CAPACITY = 10_000;

    private final RecentDecisions recent = new RecentDecisions(CAPACITY);

    /** The log itself, for the decision path to keep each decision in without a call through the container. */
    public RecentDecisions recent() {
        return recent;
    }

    public Optional<RouteDecision> find(String callId) {
        return recent.find(callId);
    }
}
