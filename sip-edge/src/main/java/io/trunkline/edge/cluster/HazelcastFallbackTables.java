package io.trunkline.edge.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.trunkline.contract.routing.FallbackTable;
import io.trunkline.edge.routing.FallbackRouting;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback tables the platform pushes into the cluster's map {@value FallbackTable#MAP}, read when the
 * platform cannot decide; each node keeps the last one it saw per PBX, so a table outlives the cluster's copy.
 */
public final class HazelcastFallbackTables implements FallbackRouting.PushedTables {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastFallbackTables.class);

    private final IMap<String, String> map;
    private final Map<String, FallbackTable> last = new ConcurrentHashMap<>();

    public HazelcastFallbackTables(HazelcastInstance hazelcast) {
        this.map = hazelcast.getMap(FallbackTable.MAP);
        map.addEntryListener((EntryAddedListener<String, String> & EntryUpdatedListener<String, String>) new Listener(), true);
        map.forEach((pbx, json) -> keep(json));
    }

    private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            keep(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            keep(event.getValue());
        }
    }

    private void keep(String json) {
        try {
            FallbackTable table = FallbackTable.fromJson(json);
            last.put(table.pbx(), table);
            LOG.info("fallback table of {} from the platform: {} entries (published {})", table.pbx(),
                    table.entries().size(), table.publishedAt());
        } catch (RuntimeException e) {
            LOG.warn("fallback table from the platform unreadable, the previous one stays: {}", e.toString());
        }
    }

    @Override
    public Optional<FallbackTable> forPbx(io.trunkline.contract.telecom.PbxId pbx) {
        // The table names its PBX as the contract's JSON writes it.
        return Optional.ofNullable(last.get(pbx.value()));
    }
}
