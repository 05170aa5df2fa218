package io.trunkline.ejb.fraud.infrastructure;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.trunkline.contract.edge.EdgeCluster;
import io.trunkline.ejb.fraud.domain.CounterReplica;
import io.trunkline.ejb.platform.infrastructure.EdgeClusterClient;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;

/**
 * The counters' cluster copy in the edge cluster's map {@link EdgeCluster#FRAUD_COUNTERS_MAP}, written through the
 * platform's client: plain byte values (the edge nodes need none of the platform's classes), one backup on another
 * node (a node killed loses none), idle entries expiring on the members.
 */
@Dependent
public class HazelcastCounterReplica implements CounterReplica {

    private final EdgeClusterClient cluster;

    @Inject
    public HazelcastCounterReplica(EdgeClusterClient cluster) {
        this.cluster = cluster;
    }

    private Optional<IMap<String, byte[]>> map() {
        return cluster.instance().map((HazelcastInstance h) -> h.getMap(EdgeCluster.FRAUD_COUNTERS_MAP));
    }

    @Override
    public boolean available() {
        return cluster.instance().isPresent();
    }

    @Override
    public Optional<byte[]> get(String subject) {
        return map().map(m -> m.get(subject));
    }

    @Override
    public void putAll(java.util.Map<String, byte[]> copies) {
        map().ifPresent(m -> m.setAll(copies));
    }

    @Override
    public void putNow(String subject, byte[] copy) {
        map().ifPresent(m -> m.set(subject, copy));
    }

    @Override
    public void delete(String subject) {
        map().ifPresent(m -> m.delete(subject));
    }
}
