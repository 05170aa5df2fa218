package io.trunkline.ejb.routing.application;

import io.trunkline.contract.routing.RouteDecision;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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

    /** Call ids in arrival order, as a ring: the slot a new decision takes names the one it evicts. */
    private final String[] ring = new String[CAPACITY];
    private final AtomicLong written = new AtomicLong();
    private final Map<String, RouteDecision> recent = new ConcurrentHashMap<>(CAPACITY * 2);

    /** Lock-free: decisions are kept from many request threads at once. */
    public void keep(RouteDecision decision) {
        int slot = (int) (written.getAndIncrement() % CAPACITY);
        String evicted;
        synchronized (ring) {
            evicted = ring[slot];
            ring[slot] = decision.callId();
        }
        if (evicted != null && !evicted.equals(decision.callId())) {
            recent.remove(evicted);
        }
        recent.put(decision.callId(), decision);
    }

    public Optional<RouteDecision> find(String callId) {
        return Optional.ofNullable(recent.get(callId));
    }
}
