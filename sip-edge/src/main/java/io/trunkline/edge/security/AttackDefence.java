package io.trunkline.edge.security;

import io.trunkline.contract.edge.SourceBan;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.config.SecuritySettings;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sip.address.SipURI;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@link SourceGuard}. Configured PBXs and carriers are counted against their own, higher limit and
 * never banned: over it, their new requests get 503 with Retry-After (in-dialog requests, ACK and CANCEL still
 * pass, so calls in progress end cleanly) and the platform is told once per window, to raise an alert. Every other
 * source is checked in this order: banned → dropped (or 403); scanner User-Agent, over the request limit, or
 * sweeping request-URI users → banned across the cluster; otherwise out-of-dialog requests are refused with 403
 * or dropped, as configured; OPTIONS keep-alives are answered as anyone's under 403 (a stateless 200 costs what a
 * stateless 403 costs), dropped under drop.
 */
public final class AttackDefence implements SourceGuard {

    private static final Logger LOG = LoggerFactory.getLogger(AttackDefence.class);
    /** Methods of a sweep: registration, probing and call attempts to one user after another. */
    private static final Set<String> SWEEP_METHODS = Set.of(Request.REGISTER, Request.OPTIONS, Request.INVITE);

    /** Which PBX or carrier a source address is; null for none. */
    @FunctionalInterface
    public interface Peers {
        Peer peerFor(String ip, int port);
    }

    private final SecuritySettings settings;
    private final Peers peers;
    private final Set<String> subscribers;
    private final BanList bans;
    private final SecurityEvents events;
    private final String node;
    private final LongSupplier clock;
    private final SlidingWindowCounter sourceRates;
    private final SlidingWindowCounter peerRates;
    private final ScannerDetector scanners;
    private final SweepDetector sweeps;
    private final ConcurrentHashMap<String, Long> peerAlerted = new ConcurrentHashMap<>();
    private final AtomicLong droppedOnArrival = new AtomicLong();

    /**
     * @param subscribers hosts allowed to SUBSCRIBE to the node's events (the platform), not peers themselves
     */
    public AttackDefence(SecuritySettings settings, Peers peers, Set<String> subscribers,
                         BanList bans, SecurityEvents events, String node, LongSupplier clock) {
        this.settings = settings;
        this.peers = peers;
        this.subscribers = Set.copyOf(subscribers);
        this.bans = bans;
        this.events = events;
        this.node = node;
        this.clock = clock;
        this.sourceRates = new SlidingWindowCounter(settings.windowMs());
        this.peerRates = new SlidingWindowCounter(settings.windowMs());
        this.scanners = new ScannerDetector(settings.scannerAgents());
        this.sweeps = new SweepDetector(settings.sweepWindowMs(), settings.sweepUsers());
    }

    @Override
    public int retryAfterSeconds() {
        return settings.peerRetryAfterSeconds();
    }

    @Override
    public Verdict check(Request request, String ip, int port) {
        String method = request.getMethod();
        Peer peer = peers.peerFor(ip, port);
        long now = clock.getAsLong();
        if (peer != null) {
            return peer(request, method, ip, peer, now);
        }
        if (Request.SUBSCRIBE.equals(method) && subscribers.contains(ip)) {
            return Verdict.PASS;
        }
        if (bans.find(ip, now) != null) {
            return banned();
        }
        UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        String scanner = ua == null ? null : scanners.match(userAgent(ua));
        if (scanner != null) {
            return ban(ip, "scanner", "User-Agent of a scanner (" + scanner + ")", now);
        }
        long count = sourceRates.hit(ip, now);
        if (count > settings.sourceLimit()) {
            return ban(ip, "rate", "over " + settings.sourceLimit() + " requests in " + settings.windowMs() + " ms",
                    now);
        }
        boolean inDialog = inDialog(request);
        if (!inDialog && SWEEP_METHODS.contains(method) && sweeps.seen(ip, user(request), now)) {
            return ban(ip, "sweep", "more than " + settings.sweepUsers() + " request-URI users in "
                    + settings.sweepWindowMs() + " ms", now);
        }
        if (inDialog || Request.ACK.equals(method)) {
            // Not a new session: the handlers answer 481 for dialogs they do not hold (RFC 3261 §12.2.2).
            return Verdict.PASS;
        }
        if (settings.unknownSources() == SecuritySettings.Answer.DROP) {
            return Verdict.DROP;
        }
        return Request.OPTIONS.equals(method) ? Verdict.PASS : Verdict.FORBID;
    }

    /**
     * Whether a datagram from {@code ip}:{@code port} is to be dropped as it comes off the wire, before the stack
     * parses it: the source is banned, banned sources are dropped ({@code security.banned-sources=drop}), and it is
     * neither a configured PBX or carrier nor an event subscriber (those the stack and {@link #check} judge as
     * usual). A flood goes on after its ban; dropped here, its datagrams cost a hash lookup each instead of a parse,
     * and no longer queue in front of the PBXs' and carriers' messages (Kamailio drops a banned source in the first
     * lines of its request route, before any module reads the message, for the same reason).
     */
    public boolean dropOnArrival(String ip, int port) {
        if (settings.bannedSources() != SecuritySettings.Answer.DROP || bans.find(ip, clock.getAsLong()) == null
                || peers.peerFor(ip, port) != null || subscribers.contains(ip)) {
            return false;
        }
        droppedOnArrival.incrementAndGet();
        return true;
    }

    /** Datagrams of banned sources dropped as they came off the wire since the node started. */
    public long droppedOnArrival() {
        return droppedOnArrival.get();
    }

    private Verdict peer(Request request, String method, String ip, Peer peer, long now) {
        long count = peerRates.hit(peer.name(), now);
        if (count <= settings.peerLimit()) {
            return Verdict.PASS;
        }
        Long last = peerAlerted.get(peer.name());
        if (last == null || now - last >= settings.windowMs()) {
            peerAlerted.put(peer.name(), now);
            LOG.warn("{} {} over its limit: {} requests in {} ms (limit {}); new requests answered 503",
                    peer instanceof Peer.Pbx ? "PBX" : "carrier", peer.name(), count, settings.windowMs(),
                    settings.peerLimit());
            events.peerOverLimit(ip, peer.name(), count, settings.peerLimit(), settings.windowMs());
        }
        boolean ending = Request.ACK.equals(method) || Request.CANCEL.equals(method) || Request.BYE.equals(method);
        return ending || inDialog(request) ? Verdict.PASS : Verdict.BUSY;
    }

    private Verdict ban(String ip, String rule, String reason, long now) {
        SourceBan ban = new SourceBan(ip, reason, rule, node, Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now + settings.banSeconds() * 1000L));
        if (bans.ban(ban)) {
            LOG.warn("source {} banned for {} s: {} (rule {})", ip, settings.banSeconds(), reason, rule);
            events.banned(ban);
        }
        return banned();
    }

    private Verdict banned() {
        return settings.bannedSources() == SecuritySettings.Answer.DROP ? Verdict.DROP : Verdict.FORBID;
    }

    private static boolean inDialog(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && to.getTag() != null;
    }

    private static String user(Request request) {
        return request.getRequestURI() instanceof SipURI sip ? sip.getUser() : request.getRequestURI().toString();
    }

    private static String userAgent(UserAgentHeader ua) {
        StringBuilder s = new StringBuilder();
        for (java.util.ListIterator<?> it = ua.getProduct(); it != null && it.hasNext(); ) {
            s.append(it.next()).append(' ');
        }
        return s.toString();
    }
}
