package io.trunkline.contract.edge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Names shared by the edge nodes (Hazelcast members) and the platform (a Hazelcast client of their
 * cluster): the cluster name, the member attributes each node publishes, and the member-address list
 * format used in both configurations.
 */
public final class EdgeCluster {

    /** Hazelcast cluster name of the edge nodes unless configured otherwise. */
    public static final String DEFAULT_CLUSTER_NAME = "trunkline-edge";

    /** Member attribute carrying the edge node's id. */
    public static final String NODE_ID_ATTRIBUTE = "trunkline.node";

    /** Member attribute carrying the node's SIP address, {@code host:port}. */
    public static final String SIP_ADDRESS_ATTRIBUTE = "trunkline.sip";

    /**
     * Member attribute saying where the node's calls' media goes: {@code rtpengine host:port,...}, or
     * {@code not relayed} (SDP passes as the peers wrote it; the health report says so).
     */
    public static final String MEDIA_ATTRIBUTE = "trunkline.media";

    /**
     * Map of the fraud velocity counters: one entry per subject and counter filter, written by the platform
     * (the one that decides every call), backed up on another node, idle entries expire after
     * {@link #FRAUD_COUNTERS_MAX_IDLE_SECONDS} (longer than the longest window), so memory follows live subjects.
     */
    public static final String FRAUD_COUNTERS_MAP = "fraud-counters";

    /** Idle time after which a fraud counter entry expires: twice the longest window (one hour). */
    public static final int FRAUD_COUNTERS_MAX_IDLE_SECONDS = 7_200;

    /** Map of sources (extensions, PBXs) blocked by a fraud rule; each entry lives as long as its block. */
    public static final String FRAUD_BLOCKS_MAP = "fraud-blocks";

    /** Map of SIP sources (addresses) banned by the edge's attack defence; each entry lives as long as its ban. */
    public static final String SOURCE_BANS_MAP = "source-bans";

    private EdgeCluster() {
    }

    /**
     * Parses a comma-separated list of {@code host:port} member addresses.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code host:port} with a port in 1..65535
     */
    public static List<String> parseMembers(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        List<String> members = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("cluster member '" + entry + "' is not host:port");
            }
            int port;
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cluster member '" + entry + "' has a non-numeric port");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("cluster member '" + entry + "' has port outside 1..65535");
            }
            members.add(entry);
        }
        return Collections.unmodifiableList(members);
    }
}
