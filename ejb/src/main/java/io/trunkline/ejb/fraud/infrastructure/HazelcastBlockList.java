package io.trunkline.ejb.fraud.infrastructure;

import com.hazelcast.map.IMap;
import io.trunkline.contract.edge.EdgeCluster;
import io.trunkline.ejb.fraud.domain.Block;
import io.trunkline.ejb.fraud.domain.BlockList;
import io.trunkline.ejb.platform.infrastructure.EdgeClusterClient;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.json.Json;
import javax.json.JsonObject;
import javax.json.JsonReader;

/**
 * Blocks in the edge cluster's map {@link EdgeCluster#FRAUD_BLOCKS_MAP}: JSON text values (readable by any node or
 * tool), each entry living exactly as long as its block (Hazelcast's per-entry time to live).
 */
@Dependent
public class HazelcastBlockList implements BlockList {

    private final EdgeClusterClient cluster;

    @Inject
    public HazelcastBlockList(EdgeClusterClient cluster) {
        this.cluster = cluster;
    }

    private Optional<IMap<String, String>> map() {
        return cluster.instance().map(h -> h.getMap(EdgeCluster.FRAUD_BLOCKS_MAP));
    }

    @Override
    public void put(Block block) {
        long ttl = Math.max(1, Duration.between(Instant.now(), block.until()).toMillis());
        map().ifPresent(m -> m.set(block.subject(), write(block), ttl, TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean remove(String subject) {
        return map().map(m -> m.remove(subject) != null).orElse(false);
    }

    @Override
    public List<Block> all() {
        List<Block> out = new ArrayList<>();
        map().ifPresent(m -> m.values().forEach(v -> {
            try {
                out.add(read(v));
            } catch (RuntimeException e) {
                // An entry written by something else: not a block of ours.
            }
        }));
        return out;
    }

    static String write(Block b) {
        return Json.createObjectBuilder().add("subject", b.subject()).add("by", b.by()).add("reason", b.reason())
                .add("at", b.at().toString()).add("until", b.until().toString()).build().toString();
    }

    static Block read(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            JsonObject o = r.readObject();
            return new Block(o.getString("subject"), o.getString("by"), o.getString("reason"),
                    Instant.parse(o.getString("at")), Instant.parse(o.getString("until")));
        }
    }
}
