package io.trunkline.ejb.security.infrastructure;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.trunkline.contract.edge.EdgeCluster;
import io.trunkline.ejb.platform.infrastructure.EdgeClusterClient;
import io.trunkline.ejb.security.domain.BanStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.ejb.EJB;
import javax.enterprise.context.Dependent;

/** The bans in the edge cluster's map {@link EdgeCluster#SOURCE_BANS_MAP}, through the platform's client. */
@Dependent
public class HazelcastBanStore implements BanStore {

    @EJB
    private EdgeClusterClient cluster;

    @Override
    public Map<String, String> all() {
        return new HashMap<>(map());
    }

    @Override
    public Optional<String> remove(String source) {
        // IMap.remove returns the value removed, and the removal reaches every node's entry listener.
        return Optional.ofNullable(map().remove(source));
    }

    private IMap<String, String> map() {
        HazelcastInstance hz = cluster.instance()
                .orElseThrow(() -> new IllegalStateException("the edge cluster is not reachable"));
        return hz.getMap(EdgeCluster.SOURCE_BANS_MAP);
    }
}
