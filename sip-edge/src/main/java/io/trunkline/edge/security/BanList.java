package io.trunkline.edge.security;

import io.trunkline.contract.edge.SourceBan;

/** The sources banned across the cluster, with a node-local view for the per-request check. */
public interface BanList {

    /** The ban of {@code source} in force at {@code nowMs}, or null; a local lookup. */
    SourceBan find(String source, long nowMs);

    /**
     * Bans the source on this node at once and on every node through the cluster, for as long as the ban says.
     *
     * @return false when this node already held a ban of the source in force (nothing done)
     */
    boolean ban(SourceBan ban);
}
