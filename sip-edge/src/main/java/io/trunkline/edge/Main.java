package io.trunkline.edge;

import io.trunkline.edge.config.MediaSettings;
import io.trunkline.edge.media.MediaRelay;
import io.trunkline.edge.media.NgClient;
import io.trunkline.edge.media.RtpEngineRelay;
import io.trunkline.edge.media.RtpEngines;
import io.trunkline.edge.b2bua.Admission;
import io.trunkline.edge.b2bua.B2bua;
import io.trunkline.edge.b2bua.CarrierDialect;
import io.trunkline.edge.b2bua.InDialogRelay;
import io.trunkline.edge.stir.CallSigning;
import io.trunkline.edge.stir.CallVerification;
import io.trunkline.edge.stir.StirVerifiers;
import io.trunkline.edge.stir.PassportSigner;
import io.trunkline.edge.cdr.Journal;
import io.trunkline.edge.cdr.JournalEvents;
import io.trunkline.edge.cluster.EdgeClusterMember;
import io.trunkline.edge.cluster.HazelcastCallCounters;
import io.trunkline.edge.cluster.HazelcastFallbackTables;
import io.trunkline.edge.cluster.HazelcastTrunkHealthStore;
import io.trunkline.edge.cluster.TrunkHealthStore;
import io.trunkline.edge.routing.TrunkProber;
import io.trunkline.edge.config.EdgeConfig;
import io.trunkline.edge.config.FallbackSettings;
import io.trunkline.edge.config.PeerSettings;
import io.trunkline.edge.config.ProbeSettings;
import io.trunkline.edge.config.SecuritySettings;
import io.trunkline.edge.security.AttackDefence;
import io.trunkline.edge.security.HazelcastBanList;
import io.trunkline.edge.security.SourceGuard;
import io.trunkline.edge.transport.DatagramTriage;
import io.trunkline.edge.events.EventNotifier;
import io.trunkline.edge.overload.CallAdmissions;
import io.trunkline.edge.overload.EarlyRefusal;
import io.trunkline.edge.overload.LoadSignals;
import io.trunkline.edge.overload.OverloadControl;
import io.trunkline.edge.overload.OverloadJudge;
import io.trunkline.edge.testcall.TestCallServer;
import io.trunkline.edge.transport.SipDispatcher;
import io.trunkline.edge.transport.SipTimeoutHandler;
import io.trunkline.edge.routing.DecisionRouter;
import io.trunkline.edge.routing.FallbackRouting;
import io.trunkline.edge.routing.PlatformRoutingClient;
import io.trunkline.edge.routing.RoutingPort;
import io.trunkline.edge.transport.SipTransport;
import java.time.Duration;
import java.util.List;
import javax.sip.message.Request;
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

        config.stir().signing().ifPresent(keys -> {
            long days = keys.validFor(java.time.Instant.now()).toDays();
            String subject = keys.certificate().getSubjectX500Principal().getName();
            if (days < config.stir().warningDays()) {
                LOG.warn("STIR signing certificate {} expires in {} days ({}): renew it", subject, days,
                        keys.certificate().getNotAfter().toInstant());
            } else {
                LOG.info("STIR signing with {} (valid {} more days), x5u {}", subject, days, config.stir().x5u());
            }
        });
        // SIP is bound before the node joins the cluster: the platform subscribes to a node as soon as it
        // sees it there, and its SUBSCRIBE must find the port open.
        SipTransport sip = SipTransport.bind(config);
        EdgeClusterMember cluster = EdgeClusterMember.join(config.nodeId(), config.cluster(), config.sip(),
                config.media().relays() ? "rtpengine " + config.media().rtpengines().stream()
                        .map(a -> a.getHostString() + ":" + a.getPort()).collect(java.util.stream.Collectors.joining(","))
                        : "not relayed");
        PlatformRoutingClient platform = new PlatformRoutingClient(config.platform().url(), config.platform().user(),
                config.platform().password(), Duration.ofMillis(config.platform().timeoutMs()));
        platform.warmUp(B2bua.DECISION_THREADS);
        FallbackSettings fallback = config.fallback();
        RoutingPort routing = new DecisionRouter(platform,
                new FallbackRouting(fallback.emergencyNumbers(), fallback.emergencyRoutes(), fallback.fallbackRoutes(),
                        List.of(408, 480, 500, 502, 503, 504), 2000, new HazelcastFallbackTables(cluster.hazelcast())));
        Journal journal = Journal.open(config.events().journalOf(config.nodeId()));
        TrunkHealthStore health = new HazelcastTrunkHealthStore(cluster.hazelcast());
        JournalEvents journaled = new JournalEvents(journal, config.nodeId());
        PeerSettings peers = config.peers();
        HazelcastCallCounters counters = new HazelcastCallCounters(cluster.hazelcast(), config.nodeId());
        Admission admission = new Admission(peers::peerFor, counters, peers.pbxChannels(), journaled);
        // The judge reads the B2BUA's counts, and the B2BUA asks the judge: tied through a reference.
        java.util.concurrent.atomic.AtomicReference<B2bua> calls = new java.util.concurrent.atomic.AtomicReference<>();
        OverloadJudge judge = new OverloadJudge(config.overload(), LoadSignals.of(() -> calls.get().callsInSetup(),
                () -> calls.get().pendingDecisions(), sip::receiveQueueWaitMillis), System::nanoTime);
        OverloadControl overload = config.overload().enabled() ? new CallAdmissions(judge, System::nanoTime)
                : OverloadControl.NONE;
        B2bua b2bua = new B2bua(sip, routing, admission, new CarrierDialect(sip.factories(), peers.carriers()), health,
                config.nodeId(), journaled, overload);
        calls.set(b2bua);
        config.stir().signing().ifPresent(keys -> b2bua.signWith(
                new CallSigning(new PassportSigner(keys.key(), config.stir().x5u()))));
        if (config.stir().verifying()) {
            b2bua.verifyWith(new CallVerification(StirVerifiers.of(config.stir())));
            LOG.info("STIR verification of carriers' calls: {} trust anchor(s), x5u from {}",
                    config.stir().anchors().size(), config.stir().x5uHosts());
        }
        MediaRelay media = mediaRelay(config.media());
        b2bua.relayMediaWith(media, config.media());
        LOG.info("{}", media.describe());
        ProbeSettings probes = config.probes();
        TrunkProber prober = new TrunkProber(sip, probes.uris(), health,
                change -> journaled.trunk(TrunkProber.toJson(change)), config.nodeId(), probes.downAfter(),
                probes.upAfter(), probes.timeoutMs());
        EventNotifier events = new EventNotifier(sip, journal, config.nodeId(), config.events().subscribers(),
                config.events().batch(), config.events().batchBytes(), config.events().lingerMs());
        InDialogRelay inDialog = b2bua.inDialog();
        HazelcastBanList bans = new HazelcastBanList(cluster.hazelcast(), config.nodeId());
        SecuritySettings security = config.security();
        AttackDefence defence = security.enabled() ? new AttackDefence(security, peers::peerFor,
                config.events().subscribers(), bans, journaled, config.nodeId(), System::currentTimeMillis) : null;
        SourceGuard guard = defence != null ? defence : SourceGuard.OPEN;
        DatagramTriage triage = DatagramTriage.NONE;
        if (defence != null) {
            // A banned source's datagrams are dropped as they come off the wire, never parsed.
            triage = DatagramTriage.dropping(defence::dropOnArrival);
        }
        // While new calls are limited, a configured peer's new INVITE is refused as it comes off the wire (and the
        // ACK of any overload refusal dropped there).
        EarlyRefusal refusals = config.overload().enabled()
                ? new EarlyRefusal(overload, (ip, port) -> peers.peerFor(ip, port) != null) : null;
        if (refusals != null) {
            triage = triage.then(refusals);
        }
        if (triage != DatagramTriage.NONE) {
            sip.triage(triage);
        }
        sip.listen(new SipDispatcher(sip)
                .guard(guard)
                .onRequest(Request.INVITE, b2bua::onInvite)
                .onRequest(Request.ACK, inDialog::onAck) // RFC 3261 §17.2.1: ACK is never answered
                .onRequest(Request.BYE, inDialog::onBye)
                .onRequest(Request.CANCEL, inDialog::onCancel)
                .onRequest(Request.UPDATE, inDialog::onUpdate)
                .onRequest(Request.INFO, inDialog::onInfo)
                .onRequest(Request.SUBSCRIBE, events::onSubscribe)
                .onResponse(Request.OPTIONS, prober::onResponse)
                .onResponse(Request.NOTIFY, events::onResponse)
                .onOtherResponses(b2bua::onResponse)
                // The prober counts unanswered probes by its own, shorter timeout.
                .onTimeout(Request.OPTIONS, SipTimeoutHandler.IGNORE)
                .onTimeout(Request.NOTIFY, events::onTimeout)
                .onOtherTimeouts(b2bua::onTimeout));
        prober.start(probes.intervalMs());
        java.util.concurrent.ScheduledExecutorService judging = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "edge-overload");
                    t.setDaemon(true);
                    return t;
                });
        if (media instanceof RtpEngineRelay relay) {
            // Deletes an instance missed are sent again, and instances marked down are pinged back into use.
            // On a thread of its own: a silent instance makes a run wait for its timeouts, the overload judge must not.
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "edge-media");
                t.setDaemon(true);
                return t;
            }).scheduleWithFixedDelay(relay::maintain, config.media().maintainIntervalMs(),
                    config.media().maintainIntervalMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (config.overload().enabled()) {
            judging.scheduleAtFixedRate(judge::tick, config.overload().intervalMs(), config.overload().intervalMs(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        events.start();
        // Synthetic test calls for the platform's porting and failover-drill workflows, on the management network.
        TestCallServer testCalls = config.testCalls().enabled()
                ? TestCallServer.start(config.testCalls(), b2bua.testCalls()::originate, peers::named) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("edge node {} stopping", config.nodeId());
            if (defence != null) {
                LOG.info("datagrams of banned sources dropped on arrival: {}", defence.droppedOnArrival());
            }
            if (refusals != null) {
                LOG.info("new calls refused on arrival: {}; ACKs of overload refusals dropped on arrival: {}",
                        refusals.refused(), refusals.acksDropped());
            }
            if (testCalls != null) {
                testCalls.close();
            }
            prober.close();
            judging.shutdownNow();
            events.close();
            b2bua.close();
            if (media instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("media relay control not closed cleanly", e);
                }
            }
            sip.close();
            counters.close();
            platform.close();
            try {
                journal.close();
            } catch (java.io.IOException e) {
                LOG.warn("journal not closed cleanly: {}", e.toString());
            }
            cluster.close();
            stopped.countDown();
        }, "edge-shutdown"));
        LOG.info("edge node {} ready: sip {} cluster '{}' with {} members",
                config.nodeId(), sip.describeListeningPoints(), config.cluster().name(), cluster.members().size());
        stopped.await();
    }

    /** The relay the node's calls' media goes through: rtpengine when instances are configured, else none. */
    private static MediaRelay mediaRelay(MediaSettings settings) throws java.net.SocketException {
        if (!settings.relays()) {
            return MediaRelay.NONE;
        }
        List<NgClient> instances = new java.util.ArrayList<>();
        for (java.net.InetSocketAddress a : settings.rtpengines()) {
            instances.add(new NgClient(a, Duration.ofMillis(settings.ngTimeoutMs()), settings.ngAttempts()));
        }
        return new RtpEngineRelay(new RtpEngines(instances, Duration.ofMillis(settings.downForMs()), System::nanoTime));
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
