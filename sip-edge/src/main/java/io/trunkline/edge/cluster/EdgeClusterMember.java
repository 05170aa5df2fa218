package io.trunkline.edge.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.trunkline.contract.edge.EdgeCluster;
import io.trunkline.edge.config.ClusterSettings;
import io.trunkline.edge.config.SipSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * This node's membership of the edge cluster: a Hazelcast member joined over TCP-IP to the configured
 * peers (multicast and auto-detection off, so nodes on one host or one VLAN never join by accident).
 * Live state (trunk health, call counters, bans) will sit in this instance behind small interfaces.
 */
public final class EdgeClusterMember implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeClusterMember.class);

    private final HazelcastInstance hazelcast;

    private EdgeClusterMember(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Joins node {@code nodeId}, whose SIP is bound as {@code sip}, to the cluster {@code config} names. */
    public static EdgeClusterMember join(String nodeId, ClusterSettings config, SipSettings sip) {
        return join(nodeId, config, sip, "not relayed");
    }

    /** Joins as {@link #join(String, ClusterSettings, SipSettings)}, saying where its calls' media goes. */
    public static EdgeClusterMember join(String nodeId, ClusterSettings config, SipSettings sip, String media) {
        Config hz = new Config();
        hz.setClusterName(config.name());
        hz.setInstanceName("edge-" + nodeId);
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        // Hazelcast's own metrics (for its Management Center, which the edge does not run) are collected every
        // 5 s on every member: about 2 % of a node's CPU under load, for figures nobody reads.
        hz.getMetricsConfig().setEnabled(false);
        // A killed node must be noticed in seconds, not the default minute, so its calls are repaired quickly.
        hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        hz.getMemberAttributeConfig().setAttribute(EdgeCluster.NODE_ID_ATTRIBUTE, nodeId);
        hz.getMemberAttributeConfig().setAttribute(EdgeCluster.SIP_ADDRESS_ATTRIBUTE,
                sip.address() + ":" + sip.port());
        hz.getMemberAttributeConfig().setAttribute(EdgeCluster.MEDIA_ATTRIBUTE, media);

        NetworkConfig network = hz.getNetworkConfig();
        network.setPort(config.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(config.address());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(config.members());

        // Counters the platform writes: idle subjects expire, so memory follows the subjects calling now.
        hz.addMapConfig(new MapConfig(EdgeCluster.FRAUD_COUNTERS_MAP).setBackupCount(1)
                .setMaxIdleSeconds(EdgeCluster.FRAUD_COUNTERS_MAX_IDLE_SECONDS));
        hz.addListenerConfig(new ListenerConfig(new MembershipLog()));
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(hz);
        return new EdgeClusterMember(instance);
    }

    public Set<Member> members() {
        return hazelcast.getCluster().getMembers();
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    @Override
    public void close() {
        hazelcast.shutdown();
    }

    static String describe(Member m) {
        return m.getAttribute(EdgeCluster.NODE_ID_ATTRIBUTE) + "@" + m.getAddress()
                + " (sip " + m.getAttribute(EdgeCluster.SIP_ADDRESS_ATTRIBUTE) + ")";
    }

    private static final class MembershipLog implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            LOG.info("edge node joined: {}; cluster now has {} members", describe(event.getMember()),
                    event.getMembers().size());
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            LOG.warn("edge node left: {}; cluster now has {} members", describe(event.getMember()),
                    event.getMembers().size());
        }
    }
}
