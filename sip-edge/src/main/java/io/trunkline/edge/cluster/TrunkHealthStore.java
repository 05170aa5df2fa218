package io.trunkline.edge.cluster;

import java.util.Map;
import java.util.Optional;

/** Trunk health shared by every node of the cluster: what one node's probes learn, all nodes route by. */
public interface TrunkHealthStore {

    Optional<TrunkHealth> get(String trunk);

    void put(TrunkHealth health);

    Map<String, TrunkHealth> all();

    /** Down only when probes said so; a trunk never probed counts as up. */
    default boolean isDown(String trunk) {
        return get(trunk).map(h -> !h.up()).orElse(false);
    }
}
