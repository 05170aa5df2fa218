package io.trunkline.edge.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Trunk health in the cluster's {@value #MAP} map (backed up on another member). */
public final class HazelcastTrunkHealthStore implements TrunkHealthStore {

    public static final String MAP = "trunk-health";
    private final IMap<String, TrunkHealth> map;

    public HazelcastTrunkHealthStore(HazelcastInstance hazelcast) {
        this.map = hazelcast.getMap(MAP);
    }

    @Override
    public Optional<TrunkHealth> get(String trunk) {
        return Optional.ofNullable(map.get(trunk));
    }

    @Override
    public void put(TrunkHealth health) {
        map.set(health.trunk(), health);
    }

    @Override
    public Map<String, TrunkHealth> all() {
        return new HashMap<>(map);
    }
}
