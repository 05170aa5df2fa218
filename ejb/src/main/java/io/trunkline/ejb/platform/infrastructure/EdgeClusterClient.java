package io.trunkline.ejb.platform.infrastructure;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.internal.util.ConcurrencyUtil;
import io.trunkline.contract.edge.EdgeCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.enterprise.concurrent.ManagedExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's connection to the edge cluster, as a Hazelcast client (the platform is never a member:
 * it holds no live call state). It connects in the background and keeps retrying, so the platform starts
 * and decides whether or not edge nodes are up. Configured by system properties
 * {@code trunkline.edge.cluster} (name) and {@code trunkline.edge.members} (host:port list).
 *
 * <p>Hazelcast completes a batch write (one operation per partition) and every {@code CompletionStage} it hands
 * out through its default executor, the JVM's common fork-join pool, and when that pool has a single thread (any
 * machine with two cores) it starts a new thread for each completion instead: about 4,000 threads a minute for the
 * fraud counters' copy at 400 decisions/s (JFR, docs/benchmarks.md). The client therefore gives Hazelcast the
 * container's managed executor for those completions when the common pool is that small.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EdgeClusterClient {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeClusterClient.class);
    static final String DEFAULT_MEMBERS = "127.0.0.1:5701,127.0.0.1:5702";

    /** An edge node as the cluster reports it. */
    public record EdgeMember(String nodeId, String clusterAddress, String sipAddress, String media) {
    }

    @Resource
    private ManagedExecutorService completions;

    private volatile HazelcastInstance client;
    /** The client keeps the last member list while disconnected; only a live connection counts. */
    private volatile boolean connected;
    private volatile String problem;
    private List<String> members;
    private String clusterName;

    @PostConstruct
    void connect() {
        clusterName = System.getProperty("trunkline.edge.cluster", EdgeCluster.DEFAULT_CLUSTER_NAME);
        try {
            members = EdgeCluster.parseMembers(System.getProperty("trunkline.edge.members", DEFAULT_MEMBERS));
        } catch (IllegalArgumentException e) {
            problem = "trunkline.edge.members: " + e.getMessage();
            LOG.error("edge cluster client not started: {}", problem);
            return;
        }
        if (ForkJoinPool.getCommonPoolParallelism() <= 1 && completions != null) {
            ConcurrencyUtil.setDefaultAsyncExecutor(completions);
            LOG.info("edge cluster client: Hazelcast completions on the managed executor (common pool of {} thread)",
                    ForkJoinPool.getCommonPoolParallelism());
        }
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setInstanceName("trunkline-platform");
        config.setClassLoader(EdgeClusterClient.class.getClassLoader());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setAddresses(new ArrayList<>(members));
        config.addListenerConfig(new ListenerConfig((LifecycleListener) event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
                connected = true;
                LOG.info("connected to edge cluster '{}'", clusterName);
            } else if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_DISCONNECTED) {
                connected = false;
                LOG.warn("disconnected from edge cluster '{}'; retrying", clusterName);
            }
        }));
        config.getConnectionStrategyConfig()
                .setAsyncStart(true)
                .setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC)
                .getConnectionRetryConfig().setClusterConnectTimeoutMillis(Long.MAX_VALUE)
                .setInitialBackoffMillis(500).setMultiplier(2).setMaxBackoffMillis(5_000);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(EdgeClusterClient.class.getClassLoader());
        try {
            client = HazelcastClient.newHazelcastClient(config);
            LOG.info("edge cluster client started for cluster '{}' at {}", clusterName, members);
        } catch (RuntimeException e) {
            problem = e.getMessage();
            LOG.error("edge cluster client failed to start: {}", e.toString());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @PreDestroy
    void disconnect() {
        if (client != null) {
            client.shutdown();
        }
    }

    /** The client while it is connected to the cluster, for the adapters that keep state there. */
    public java.util.Optional<HazelcastInstance> instance() {
        HazelcastInstance c = client;
        return c != null && connected && c.getLifecycleService().isRunning() ? java.util.Optional.of(c)
                : java.util.Optional.empty();
    }

    public boolean connected() {
        return connected;
    }

    public String clusterName() {
        return clusterName;
    }

    public List<String> configuredMembers() {
        return members == null ? List.of() : members;
    }

    public String problem() {
        return problem;
    }

    /**
     * Makes the edge cluster's map {@code name} hold {@code entries} (string keys and values): a key whose value
     * {@code unchanged} says is the same is left alone, keys not given are removed. False when the cluster is
     * not reachable (nothing changed).
     */
    public boolean replaceMap(String name, java.util.Map<String, String> entries,
                              java.util.function.BiPredicate<String, String> unchanged) {
        HazelcastInstance c = client;
        if (c == null || !connected || !c.getLifecycleService().isRunning()) {
            return false;
        }
        try {
            com.hazelcast.map.IMap<String, String> map = c.getMap(name);
            for (String key : map.keySet()) {
                if (!entries.containsKey(key)) {
                    map.delete(key);
                }
            }
            for (java.util.Map.Entry<String, String> e : entries.entrySet()) {
                String current = map.get(e.getKey());
                if (current == null || !unchanged.test(current, e.getValue())) {
                    map.set(e.getKey(), e.getValue());
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("edge cluster map {} not updated: {}", name, e.toString());
            return false;
        }
    }

    public List<EdgeMember> members() {
        HazelcastInstance c = client;
        if (c == null || !connected || !c.getLifecycleService().isRunning()) {
            return List.of();
        }
        List<EdgeMember> out = new ArrayList<>();
        try {
            for (Member m : c.getCluster().getMembers()) {
                out.add(new EdgeMember(m.getAttribute(EdgeCluster.NODE_ID_ATTRIBUTE),
                        m.getAddress().getHost() + ":" + m.getAddress().getPort(),
                        m.getAttribute(EdgeCluster.SIP_ADDRESS_ATTRIBUTE),
                        m.getAttribute(EdgeCluster.MEDIA_ATTRIBUTE) == null ? "not relayed"
                                : m.getAttribute(EdgeCluster.MEDIA_ATTRIBUTE)));
            }
        } catch (RuntimeException e) {
            // Not connected yet (async start): no members seen.
            return List.of();
        }
        return out;
    }
}
