package io.trunkline.edge.config;

import io.trunkline.contract.edge.EdgeCluster;
import java.util.List;
import java.util.Properties;

/** How the node joins the edge cluster: keys {@code cluster.name}, {@code cluster.address}, {@code cluster.port}, {@code cluster.members}. */
public record ClusterSettings(String name, String address, int port, List<String> members) {

    public ClusterSettings {
        members = List.copyOf(members);
    }

    static ClusterSettings from(Properties p) {
        String address = Props.text(p, "cluster.address", "127.0.0.1");
        int port = Props.port(p, "cluster.port", 5701);
        try {
            return new ClusterSettings(Props.text(p, "cluster.name", EdgeCluster.DEFAULT_CLUSTER_NAME), address, port,
                    EdgeCluster.parseMembers(p.getProperty("cluster.members", address + ":" + port)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster.members: " + e.getMessage(), e);
        }
    }
}
