package io.trunkline.edge;

import io.trunkline.edge.b2bua.B2bua;
import io.trunkline.edge.cdr.Journal;
import io.trunkline.edge.cdr.JournalEvents;
import io.trunkline.edge.cluster.EdgeClusterMember;
import io.trunkline.edge.cluster.HazelcastCallCounters;
import io.trunkline.edge.cluster.HazelcastFallbackTables;
import io.trunkline.edge.cluster.HazelcastTrunkHealthStore;
import io.trunkline.edge.cluster.TrunkHealthStore;
import io.trunkline.edge.routing.TrunkProber;
import io.trunkline.edge.config.EdgeConfig;
import io.trunkline.edge.events.EventNotifier;
import io.trunkline.edge.transport.EdgeRequestListener;
import io.trunkline.edge.routing.DecisionRouter;
import io.trunkline.edge.routing.FallbackRouting;
import io.trunkline.edge.routing.PlatformRoutingClient;
import io.trunkline.edge.routing.RoutingPort;
import io.trunkline.edge.transport.SipTransport;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one edge node: {@code java -jar sip-edge.jar --config edge.properties}. The cluster role is
 * decided here (a member), never in the layers below.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path configFile = configPath(args);
        if (configFile == null) {
            LOG.error("usage: java -jar sip-edge.jar --config <edge.properties>");
            System.exit(2);
            return;
        }
        EdgeConfig config;
        try {
            config = EdgeConfig.load(configFile);
        } catch (IllegalArgumentException e) {
            LOG.error("invalid configuration {}: {}", configFile, e.getMessage());
            System.exit(2);
            return;
        }

        // SIP is bound before the node joins the cluster: the platform subscribes to a node as soon as it
        // sees it there, and its SUBSCRIBE must find the port open.
        SipTransport sip = SipTransport.bind(config);
        EdgeClusterMember cluster = EdgeClusterMember.join(config);
        PlatformRoutingClient platform = new PlatformRoutingClient(config.platformUrl(), config.platformUser(),
                config.platformPassword(), Duration.ofMillis(config.platformTimeoutMs()));
        platform.warmUp(B2bua.DECISION_THREADS);
        RoutingPort routing = new DecisionRouter(platform,
                new FallbackRouting(config.emergencyNumbers(), config.emergencyRoutes(), config.fallbackRoutes(),
                        List.of(408, 480, 500, 502, 503, 504), 2000, new HazelcastFallbackTables(cluster.hazelcast())));
        Journal journal = Journal.open(config.journalDir().resolve(config.nodeId() + ".journal"));
        TrunkHealthStore health = new HazelcastTrunkHealthStore(cluster.hazelcast());
        JournalEvents journaled = new JournalEvents(journal, config.nodeId());
        B2bua b2bua = new B2bua(sip, routing, config::peerFor, config.nodeId(), journaled, config.carrierProfiles(), health,
                new HazelcastCallCounters(cluster.hazelcast(), config.nodeId()));
        b2bua.limitPbxChannels(config.pbxChannels());
        TrunkProber prober = new TrunkProber(sip, config.probeUris(), health,
                change -> journaled.trunk(TrunkProber.toJson(change)), config.nodeId(), config.downAfter(),
                config.upAfter(), config.probeTimeoutMs());
        EventNotifier events = new EventNotifier(sip, journal, config.nodeId(), config.eventSubscribers(),
                config.eventBatch(), config.eventBatchBytes());
        sip.listen(new EdgeRequestListener(sip, b2bua, prober, events));
        prober.start(config.probeIntervalMs());
        events.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("edge node {} stopping", config.nodeId());
            prober.close();
            events.close();
            b2bua.close();
            sip.close();
            try {
                journal.close();
            } catch (java.io.IOException e) {
                LOG.warn("journal not closed cleanly: {}", e.toString());
            }
            cluster.close();
            stopped.countDown();
        }, "edge-shutdown"));
        LOG.info("edge node {} ready: sip {} cluster '{}' with {} members",
                config.nodeId(), sip.describeListeningPoints(), config.clusterName(), cluster.members().size());
        stopped.await();
    }

    private static Path configPath(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if ("--config".equals(args[i])) {
                Path p = Path.of(args[i + 1]);
                return Files.isReadable(p) ? p : null;
            }
        }
        return null;
    }
}
