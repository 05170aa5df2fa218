package io.trunkline.edge.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trunk health in the cluster's {@value #MAP} map (backed up on another member). Every call's failover asks
 * whether its routes' trunks are down, so each node reads a local copy of the map, fed by the map's entry events
 * (a change reaches every node within the event's delivery, a few ms); a call's path makes no remote call.
 */
public final class HazelcastTrunkHealthStore implements TrunkHealthStore {

    public static final String MAP = "trunk-health";
    private final IMap<String, TrunkHealth> map;
    private final Map<String, TrunkHealth> local = new ConcurrentHashMap<>();

    public HazelcastTrunkHealthStore(HazelcastInstance hazelcast) {
        this.map = hazelcast.getMap(MAP);
        map.addEntryListener(new Copy(), true);
        map.forEach(local::put);
    }

    @Override
    public Optional<TrunkHealth> get(String trunk) {
        return Optional.ofNullable(local.get(trunk));
    }

    @Override
    public void put(TrunkHealth health) {
        map.set(health.trunk(), health);
        local.put(health.trunk(), health);
    }

    @Override
    public Map<String, TrunkHealth> all() {
        return new HashMap<>(map);
    }

    private final class Copy implements EntryAddedListener<String, TrunkHealth>, EntryUpdatedListener<String, TrunkHealth>,
            EntryRemovedListener<String, TrunkHealth> {

        @Override
        public void entryAdded(EntryEvent<String, TrunkHealth> event) {
            local.put(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, TrunkHealth> event) {
            local.put(event.getKey(), event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, TrunkHealth> event) {
            local.remove(event.getKey());
        }
    }
}
