package io.trunkline.edge.routing;

import io.trunkline.contract.json.Json;
import io.trunkline.edge.cluster.TrunkHealth;
import io.trunkline.edge.cluster.TrunkHealthStore;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.edge.transport.LocalPoint;
import io.trunkline.edge.transport.SipEndpoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes each configured carrier trunk with SIP OPTIONS at an interval (as OpenSIPS and Kamailio
 * dispatchers do): a trunk goes down after {@code downAfter} probes in a row go unanswered within the
 * probe timeout or are answered 5xx, and up again after {@code upAfter} answered ones. State and latency
 * go to the cluster; every change is reported as an event.
 */
public final class TrunkProber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrunkProber.class);

    /** Told of every change of a trunk's state. */
    @FunctionalInterface
    public interface Changes {
        void changed(TrunkHealth health) throws java.io.IOException;
    }

    private record Probe(String trunk, long sentNanos, ClientTransaction transaction) {
    }

    private final SipEndpoint sip;
    private final Map<String, String> trunks;
    private final TrunkHealthStore store;
    private final Changes changes;
    private final String node;
    private final int downAfter;
    private final int upAfter;
    private final long timeoutMs;
    private final Map<String, Probe> inFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edge-trunk-probes");
        t.setDaemon(true);
        return t;
    });

    public TrunkProber(SipEndpoint sip, Map<CarrierId, String> trunks, TrunkHealthStore store, Changes changes, String node,
                       int downAfter, int upAfter, long timeoutMs) {
        this.sip = sip;
        // The cluster's trunk-health map names a trunk by its carrier id's text.
        this.trunks = new LinkedHashMap<>();
        trunks.forEach((carrier, uri) -> this.trunks.put(carrier.value(), uri));
        this.store = store;
        this.changes = changes;
        this.node = node;
        this.downAfter = downAfter;
        this.upAfter = upAfter;
        this.timeoutMs = timeoutMs;
    }

    public void start(long intervalMs) {
        if (!trunks.isEmpty()) {
            clock.scheduleWithFixedDelay(this::round, 0, intervalMs, TimeUnit.MILLISECONDS);
            LOG.info("probing trunks {} every {} ms", trunks.keySet(), intervalMs);
        }
    }

    private void round() {
        for (Map.Entry<String, String> trunk : trunks.entrySet()) {
            try {
                Probe pending = inFlight.get(trunk.getKey());
                if (pending != null) {
                    if ((System.nanoTime() - pending.sentNanos()) / 1_000_000 < timeoutMs) {
                        continue;
                    }
                    inFlight.remove(trunk.getKey());
                    terminate(pending.transaction());
                    result(trunk.getKey(), false, -1);
                }
                send(trunk.getKey(), trunk.getValue());
            } catch (Exception e) {
                LOG.warn("probe of trunk {} not sent: {}", trunk.getKey(), e.toString());
                result(trunk.getKey(), false, -1);
            }
        }
    }

    private void send(String trunk, String uri) throws Exception {
        HeaderFactory h = sip.factories().headers();
        AddressFactory a = sip.factories().addresses();
        URI target = a.createURI(uri);
        LocalPoint lp = sip.local("udp");
        Request options = sip.factories().messages().createRequest(target, Request.OPTIONS, sip.newCallId(),
                h.createCSeqHeader(1L, Request.OPTIONS),
                h.createFromHeader(a.createAddress("sip:probe@" + lp.address()), Long.toHexString(System.nanoTime())),
                h.createToHeader(a.createAddress(target), null),
                List.of(h.createViaHeader(lp.address(), lp.port(), "udp", null)), h.createMaxForwardsHeader(70));
        ClientTransaction ct = sip.clientTransaction(options);
        inFlight.put(trunk, new Probe(trunk, System.nanoTime(), ct));
        ct.sendRequest();
    }

    /** An answer to a probe: the transport hands every OPTIONS response here. */
    public void onResponse(ResponseEvent event) {
        String callId = ((CallIdHeader) event.getResponse().getHeader(CallIdHeader.NAME)).getCallId();
        for (Probe p : inFlight.values()) {
            if (callId.equals(((CallIdHeader) p.transaction().getRequest().getHeader(CallIdHeader.NAME)).getCallId())) {
                if (event.getResponse().getStatusCode() < 200) {
                    return;
                }
                inFlight.remove(p.trunk());
                boolean answered = event.getResponse().getStatusCode() < 500;
                result(p.trunk(), answered, (System.nanoTime() - p.sentNanos()) / 1_000_000);
                return;
            }
        }
    }

    private synchronized void result(String trunk, boolean answered, long latencyMs) {
        TrunkHealth before = store.get(trunk).orElse(new TrunkHealth(trunk, true, -1, 0, 0, Instant.now(), node));
        int misses = answered ? 0 : before.misses() + 1;
        int answers = answered ? before.answers() + 1 : 0;
        boolean up = before.up();
        if (up && misses >= downAfter) {
            up = false;
        } else if (!up && answers >= upAfter) {
            up = true;
        }
        TrunkHealth now = new TrunkHealth(trunk, up, answered ? latencyMs : before.latencyMs(), misses, answers,
                up != before.up() ? Instant.now() : before.changedAt(), node);
        store.put(now);
        if (up != before.up()) {
            try {
                changes.changed(now);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.error("trunk {} state change not journaled: {}", trunk, e.toString());
            }
            LOG.warn("trunk {} is {} ({} probe(s) in a row {})", trunk, up ? "UP" : "DOWN", up ? answers : misses,
                    up ? "answered" : "unanswered");
        }
    }

    /** The event a state change becomes. */
    public static String toJson(TrunkHealth h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trunk", h.trunk());
        m.put("up", h.up());
        m.put("latencyMs", h.latencyMs());
        m.put("node", h.node());
        m.put("changedAt", h.changedAt().toString());
        return Json.write(m);
    }

    private static void terminate(ClientTransaction ct) {
        try {
            ct.terminate();
        } catch (javax.sip.ObjectInUseException e) {
            LOG.debug("probe transaction already ending", e);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
