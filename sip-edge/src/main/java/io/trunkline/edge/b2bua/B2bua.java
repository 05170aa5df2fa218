package io.trunkline.edge.b2bua;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.edge.cluster.CallCounters;
import io.trunkline.edge.cluster.TrunkHealthStore;
import io.trunkline.edge.config.CarrierProfile;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.routing.RoutingPort;
import io.trunkline.edge.transport.SipTransport;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-to-back user agent: a PBX's INVITE becomes a new call of the edge's own towards the carrier
 * the decision names, with its own Call-ID, tags, Via and Contact (topology hiding: neither side sees the
 * other's addresses). Provisional and final answers are relayed back; a failover code, a timeout or no
 * provisional answer within the attempt timeout moves the call to the next route; other final answers
 * (404, 486, 603...) are relayed as they are. BYE from either side ends both legs; CANCEL before answer
 * cancels the carrier leg and answers the PBX 487 (RFC 3261 §9.2).
 */
public final class B2bua {

    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SipTransport sip;
    private final RoutingPort routing;
    private final PeerResolver peers;
    /** Threads asking the platform for decisions (each blocks on one HTTP request). */
    public static final int DECISION_THREADS = 8;
    private final ExecutorService deciders = Executors.newFixedThreadPool(DECISION_THREADS, r -> daemon(r, "edge-decide"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "edge-timers"));
    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    /** Where finished calls' records go (the journal, then the platform). */
    @FunctionalInterface
    public interface CallRecords {
        void record(CallRecord record) throws java.io.IOException;

        /** A request refused for security reasons (an unknown source). */
        default void rejected(String source, String method, int code, String reason) throws java.io.IOException {
        }
    }

    /** Which PBX or carrier sent a request, from its source address; null for a source that is neither. */
    @FunctionalInterface
    public interface PeerResolver {
        Peer peerFor(String ip, int port);
    }

    private final String node;
    private final CallRecords records;
    private final Map<String, CarrierProfile> profiles;
    private Map<String, Integer> pbxChannels = Map.of();
    private final TrunkHealthStore health;
    private final CallCounters counters;

    public B2bua(SipTransport sip, RoutingPort routing, PeerResolver peers, String node, CallRecords records,
                 Map<String, CarrierProfile> profiles, TrunkHealthStore health, CallCounters counters) {
        this.health = health;
        this.counters = counters;
        this.sip = sip;
        this.routing = routing;
        this.peers = peers;
        this.node = node;
        this.records = records;
        this.profiles = Map.copyOf(profiles);
    }

    /** Builds the call's record once, when it ends, and hands it to the journal. Holds the call's lock. */
    private void finish(Call call, int code, String side) {
        if (call.recorded) {
            return;
        }
        call.recorded = true;
        RouteDecision d = call.decided == null ? null : call.decision();
        FromHeader from = (FromHeader) call.aRequest.getHeader(FromHeader.NAME);
        // An inbound call's PBX is where the decision sent it.
        String pbx = call.peer.kind() == Peer.Kind.PBX ? call.peer.id()
                : call.attempts.isEmpty() ? null : call.attempts.get(call.attempts.size() - 1).target();
        CallRecord record = new CallRecord(call.aCallId, node, pbx, userOf(from.getAddress().getURI()),
                userOf(call.aRequest.getRequestURI()), d == null ? null : d.calling(), d == null ? null : d.called(),
                d == null ? null : d.callClass(), call.decided == null ? null : call.decided.source().name(),
                call.attempts, call.startedAt, call.answeredAt, java.time.Instant.now(), code, side,
                call.peer.kind() == Peer.Kind.CARRIER ? "INBOUND" : "OUTBOUND", call.peer.id());
        try {
            records.record(record);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.error("call {}: record not journaled: {}", call.aCallId, e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public int activeCalls() {
        return (int) calls.values().stream().distinct().filter(c -> c.state != Call.State.ENDED).count();
    }

    // --- requests -------------------------------------------------------------------------------

    public void onInvite(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        Request request = event.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        Call existing = calls.get(callId);
        if (existing != null) {
            reInvite(event, existing, callId);
            return;
        }
        ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                : sip.provider().getNewServerTransaction(request);
        // JAIN-SIP RI extension: where the request came from on the wire (not what its headers claim).
        gov.nist.javax.sip.RequestEventExt wire = (gov.nist.javax.sip.RequestEventExt) event;
        Peer peer = peers.peerFor(wire.getRemoteIpAddress(), wire.getRemotePort());
        if (peer == null) {
            // Security basics: INVITEs only from configured PBXs and carriers.
            respond(st, request, Response.FORBIDDEN, null);
            LOG.warn("INVITE {} from {}:{} refused 403: not a configured PBX or carrier", callId,
                    wire.getRemoteIpAddress(), wire.getRemotePort());
            try {
                records.rejected(wire.getRemoteIpAddress() + ":" + wire.getRemotePort(), Request.INVITE,
                        Response.FORBIDDEN, "not a configured PBX or carrier");
            } catch (java.io.IOException | RuntimeException e) {
                LOG.error("rejection of {} not journaled: {}", callId, e.toString());
            }
            return;
        }
        respond(st, request, Response.TRYING, null);
        Call call = new Call(callId, st, request, tag(), peer);
        calls.put(callId, call);
        if (peer.kind() == Peer.Kind.PBX) {
            // The PBX's own channel limit, counted across the cluster like the carriers'.
            int limit = pbxChannels.getOrDefault(peer.id(), 0);
            if (!counters.tryAcquire(PBX_SUBJECT + peer.id(), limit)) {
                LOG.info("call {} from {} refused 503: the PBX is at its channel limit ({})", callId, peer.id(), limit);
                synchronized (call) {
                    end(call, Response.SERVICE_UNAVAILABLE);
                }
                return;
            }
            call.heldPbx = PBX_SUBJECT + peer.id();
        }
        String called = userOf(request.getRequestURI());
        String calling = userOf(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
        // A carrier's call comes in to a DID; a PBX's goes out (or across to another PBX).
        RouteRequest ask = new RouteRequest(callId, peer.kind() == Peer.Kind.CARRIER ? RouteRequest.Direction.INBOUND
                : RouteRequest.Direction.OUTBOUND, peer.id(), calling, called, null);
        deciders.execute(() -> decided(call, routing.decide(ask)));
    }

    private void decided(Call call, RoutingPort.Decided decided) {
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return;
            }
            call.decided = decided;
            RouteDecision d = decided.decision();
            LOG.info("call {} from {} to {}: {} by {} {}", call.aCallId, call.pbx, d.called(), d.verdict(),
                    decided.source(), d.routes().stream().map(Route::target).toList());
            if (d.verdict() == RouteDecision.Verdict.REJECT) {
                end(call, d.sipCode() == null ? Response.FORBIDDEN : d.sipCode());
                return;
            }
            call.state = Call.State.TRYING;
            nextRoute(call);
        }
    }

    /** Tries the next route, or ends the call with the last failure when none is left. Holds the call's lock. */
    private void nextRoute(Call call) {
        List<Route> routes = call.decision().routes();
        while (++call.attempt < routes.size()) {
            Route route = routes.get(call.attempt);
            if (health.isDown(route.target())) {
                // Known down from the OPTIONS probes: no INVITE, no waiting for its timeout.
                LOG.info("call {}: route {} ({}) skipped: trunk down", call.aCallId, call.attempt + 1, route.target());
                call.attempts.add(new CallRecord.Attempt(route.target(), route.uri(), null, null, null));
                continue;
            }
            releaseChannel(call);
            CarrierProfile profile = profiles.getOrDefault(route.target(), CarrierProfile.DEFAULT);
            if (!counters.tryAcquire(route.target(), profile.maxChannels())) {
                LOG.info("call {}: route {} ({}) skipped: at its channel limit ({})", call.aCallId, call.attempt + 1,
                        route.target(), profile.maxChannels());
                call.attempts.add(new CallRecord.Attempt(route.target(), route.uri(), null, null, null));
                continue;
            }
            call.heldCarrier = route.target();
            try {
                sendInvite(call, route);
                return;
            } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
                LOG.warn("call {}: route {} ({}) not tried: {}", call.aCallId, call.attempt + 1, route.uri(), e.toString());
                call.lastFailure = Response.SERVICE_UNAVAILABLE;
            }
        }
        end(call, call.lastFailure);
    }

    private void sendInvite(Call call, Route route) throws ParseException, SipException, InvalidArgumentException {
        HeaderFactory h = sip.headerFactory();
        CarrierProfile profile = profiles.getOrDefault(route.target(), CarrierProfile.DEFAULT);
        URI target = sip.addressFactory().createURI(route.uri());
        if (target instanceof SipURI s && s.getUser() != null) {
            // The carrier's number format in the Request-URI (and so in To).
            s.setUser(profile.format(s.getUser()));
        }
        if (profile.transport() != null && target instanceof SipURI s) {
            // The carrier's profile names the transport (TLS for an encrypted trunk) whatever the route's URI says.
            s.setTransportParam(profile.transport());
        }
        String transport = target instanceof SipURI s && s.getTransportParam() != null
                ? s.getTransportParam().toLowerCase(java.util.Locale.ROOT) : "udp";
        ListeningPoint lp = sip.listeningPoint(transport);
        CallIdHeader callId = sip.provider().getNewCallId();
        String present = route.presentNumber() == null || route.presentNumber().isBlank() ? "anonymous"
                : profile.format(route.presentNumber());
        Address from = sip.addressFactory().createAddress("sip:" + present + "@" + lp.getIPAddress());
        Address to = sip.addressFactory().createAddress(target.toString().replaceAll(";.*$", ""));
        ViaHeader via = h.createViaHeader(lp.getIPAddress(), lp.getPort(), transport, null);
        Request invite = sip.messageFactory().createRequest(target, Request.INVITE, callId,
                h.createCSeqHeader(1L, Request.INVITE), h.createFromHeader(from, tag()), h.createToHeader(to, null),
                List.of(via), h.createMaxForwardsHeader(70));
        invite.addHeader(contact(lp));
        if (!"anonymous".equals(present)) {
            // RFC 3325: the identity the edge asserts towards its trusted carrier, in the carrier's format.
            invite.addHeader(h.createHeader("P-Asserted-Identity", "<sip:" + present + "@" + lp.getIPAddress() + ">"));
        }
        for (Map.Entry<String, String> extra : profile.addHeaders().entrySet()) {
            invite.addHeader(h.createHeader(extra.getKey(), extra.getValue()));
        }
        // RFC 4028: the PBX's session-timer request goes on to the carrier; the refreshes pass through.
        copyHeaders(call.aRequest, invite, SESSION_TIMER_REQUEST);
        byte[] sdp = call.aRequest.getRawContent();
        if (sdp != null && sdp.length > 0) {
            ContentTypeHeader type = (ContentTypeHeader) call.aRequest.getHeader(ContentTypeHeader.NAME);
            byte[] offer = profile.filterSdp(new String(sdp, java.nio.charset.StandardCharsets.UTF_8))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            invite.setContent(offer, type != null ? type : h.createContentTypeHeader("application", "sdp"));
        }
        ClientTransaction ct = sip.provider().getNewClientTransaction(invite);
        call.bInvite = ct;
        call.bRequest = invite;
        call.bCallId = callId.getCallId();
        call.bToTag = null;
        call.bCseq = 1;
        call.provisional = false;
        call.attemptStartNanos = System.nanoTime();
        call.firstProvisionalMs = null;
        calls.put(call.bCallId, call);
        ct.sendRequest();
        int timeout = call.decision().attemptTimeoutMs() > 0 ? call.decision().attemptTimeoutMs() : 2000;
        final ClientTransaction attempt = ct;
        call.attemptTimer = timers.schedule(() -> attemptTimedOut(call, attempt), timeout, TimeUnit.MILLISECONDS);
        LOG.debug("call {}: attempt {} to {}", call.aCallId, call.attempt + 1, route.uri());
    }

    private void attemptTimedOut(Call call, ClientTransaction attempt) {
        synchronized (call) {
            if (call.bInvite != attempt || call.provisional || call.state == Call.State.ENDED) {
                return;
            }
            LOG.info("call {}: no answer from route {} within {} ms; next route", call.aCallId, call.attempt + 1,
                    call.decision().attemptTimeoutMs());
            calls.remove(call.bCallId);
            call.attemptEnded(null);
            try {
                // Stop retransmitting to a carrier that never answered (no provisional: nothing to CANCEL).
                attempt.terminate();
            } catch (javax.sip.ObjectInUseException e) {
                LOG.debug("attempt transaction already ending", e);
            }
            call.lastFailure = Response.REQUEST_TIMEOUT;
            nextRoute(call);
        }
    }

    /**
     * A re-INVITE (or session refresh, RFC 4028) from either side is passed to the other side in that
     * side's dialog, its answer relayed back; the edge acknowledges a 2xx itself and absorbs the sender's ACK.
     */
    private void reInvite(RequestEvent event, Call call, String callId)
            throws SipException, ParseException, InvalidArgumentException {
        passThrough(event, call, callId, Request.INVITE);
    }

    /** An UPDATE (RFC 3311) in a confirmed call goes to the other side like a re-INVITE, without the ACK. */
    public void onUpdate(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        Request request = event.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        Call call = calls.get(callId);
        if (call == null) {
            ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                    : sip.provider().getNewServerTransaction(request);
            respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        passThrough(event, call, callId, Request.UPDATE);
    }

    private void passThrough(RequestEvent event, Call call, String callId, String method)
            throws SipException, ParseException, InvalidArgumentException {
        Request request = event.getRequest();
        ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                : sip.provider().getNewServerTransaction(request);
        synchronized (call) {
            if (call.state != Call.State.CONFIRMED) {
                respond(st, request, call.state == Call.State.ENDED ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST
                        : Response.REQUEST_PENDING, null);
                return;
            }
            if (call.reInvite != null || call.update != null) {
                // RFC 3261 §14.2, RFC 3311 §5.2: one offer at a time.
                respond(st, request, Response.REQUEST_PENDING, null);
                return;
            }
            boolean fromPbx = callId.equals(call.aCallId);
            Request out = fromPbx ? inDialogToCarrier(call, method) : inDialogToPbx(call, method);
            copyHeaders(request, out, SESSION_TIMER_REQUEST);
            byte[] sdp = request.getRawContent();
            if (sdp != null && sdp.length > 0) {
                ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
                out.setContent(sdp, type != null ? type : sip.headerFactory().createContentTypeHeader("application", "sdp"));
            }
            ClientTransaction ct = sip.provider().getNewClientTransaction(out);
            if (Request.UPDATE.equals(method)) {
                call.update = new Call.Offer(st, ct);
            } else {
                call.reInvite = new Call.Offer(st, ct);
            }
            ct.sendRequest();
            LOG.info("call {}: {} from the {} passed through", call.aCallId, Request.UPDATE.equals(method) ? "UPDATE"
                    : "re-INVITE", fromPbx ? "PBX" : "carrier");
        }
    }

    private void offerAnswered(Call call, Response response, String callId)
            throws SipException, ParseException, InvalidArgumentException {
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        boolean update = call.update != null && Request.UPDATE.equals(
                ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod());
        Call.Offer pending = update ? call.update : call.reInvite;
        if (update) {
            call.update = null;
        } else {
            call.reInvite = null;
            if (status < 300) {
                ack(response, callId);
            }
        }
        Response back = sip.messageFactory().createResponse(status, pending.from().getRequest());
        back.addHeader(contact(sip.listeningPoint(transportOf(pending.from().getRequest()))));
        copyHeaders(response, back, SESSION_TIMER_RESPONSE);
        byte[] body = response.getRawContent();
        if (body != null && body.length > 0) {
            ContentTypeHeader type = (ContentTypeHeader) response.getHeader(ContentTypeHeader.NAME);
            back.setContent(body, type != null ? type : sip.headerFactory().createContentTypeHeader("application", "sdp"));
        }
        pending.from().sendResponse(back);
    }

    public void onAck(RequestEvent event) {
        // The PBX's ACK for the edge's 2xx: the carrier leg was acknowledged when its 2xx arrived.
    }

    public void onBye(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        Request bye = event.getRequest();
        String callId = ((CallIdHeader) bye.getHeader(CallIdHeader.NAME)).getCallId();
        ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                : sip.provider().getNewServerTransaction(bye);
        Call call = calls.get(callId);
        if (call == null) {
            respond(st, bye, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        synchronized (call) {
            if (call.state != Call.State.CONFIRMED) {
                respond(st, bye, Response.OK, null);
                return;
            }
            call.state = Call.State.ENDED;
            // The record is journaled before the BYE is answered: a call its sender sees ended is on the node's
            // disk even if the node dies the next instant.
            finish(call, Response.OK, callId.equals(call.aCallId) ? "PBX" : "CARRIER");
            respond(st, bye, Response.OK, null);
            if (callId.equals(call.aCallId)) {
                sendByeToCarrier(call);
            } else {
                sendByeToPbx(call);
            }
            forget(call);
            LOG.info("call {} ended by {}", call.aCallId, callId.equals(call.aCallId) ? "the PBX" : "the carrier");
        }
    }

    public void onCancel(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        Request cancel = event.getRequest();
        String callId = ((CallIdHeader) cancel.getHeader(CallIdHeader.NAME)).getCallId();
        ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                : sip.provider().getNewServerTransaction(cancel);
        Call call = calls.get(callId);
        if (call == null) {
            respond(st, cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        respond(st, cancel, Response.OK, null);
        synchronized (call) {
            if (call.state == Call.State.CONFIRMED || call.state == Call.State.ENDED) {
                return;
            }
            if (call.bInvite != null && call.provisional) {
                sip.provider().getNewClientTransaction(call.bInvite.createCancel()).sendRequest();
            }
            call.attemptEnded(Response.REQUEST_TERMINATED);
            endBy(call, Response.REQUEST_TERMINATED, "PBX");
            LOG.info("call {} cancelled by the PBX before answer", call.aCallId);
        }
    }

    // --- responses ------------------------------------------------------------------------------

    public void onResponse(ResponseEvent event) throws SipException, ParseException, InvalidArgumentException {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (Request.UPDATE.equals(cseq.getMethod())) {
            Call call = calls.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
            if (call != null) {
                synchronized (call) {
                    if (call.update != null && event.getClientTransaction() == call.update.to()) {
                        offerAnswered(call, response, ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
                    }
                }
            }
            return;
        }
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        Call call = calls.get(callId);
        if (call == null) {
            return;
        }
        int status = response.getStatusCode();
        synchronized (call) {
            if (call.reInvite != null && event.getClientTransaction() == call.reInvite.to()) {
                offerAnswered(call, response, callId);
                return;
            }
            if (!callId.equals(call.bCallId) || call.state == Call.State.ENDED) {
                if (status >= 200 && status < 300) {
                    // A late 2xx of an abandoned attempt: acknowledge and hang it up (RFC 3261 §13.2.2.4).
                    ack(response, callId);
                    byeAbandoned(response, callId);
                }
                return;
            }
            if (status < 200) {
                call.provisional = true;
                if (status > 100 && call.firstProvisionalMs == null) {
                    call.firstProvisionalMs = (System.nanoTime() - call.attemptStartNanos) / 1_000_000;
                }
                if (status > 100) {
                    call.state = Call.State.EARLY;
                    relay(call, status, response);
                }
                return;
            }
            if (call.attemptTimer != null) {
                call.attemptTimer.cancel(false);
            }
            call.attemptEnded(status);
            if (status < 300) {
                call.answeredAt = java.time.Instant.now();
                call.bToTag = ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
                ContactHeader c = (ContactHeader) response.getHeader(ContactHeader.NAME);
                call.bRemoteTarget = c != null ? c.getAddress().getURI() : call.bRequest.getRequestURI();
                ack(response, callId);
                call.state = Call.State.CONFIRMED;
                relay(call, status, response);
                LOG.info("call {} answered on route {} ({})", call.aCallId, call.attempt + 1,
                        call.decision().routes().get(call.attempt).target());
                return;
            }
            calls.remove(call.bCallId);
            if (call.decision().failoverCodes().contains(status)) {
                LOG.info("call {}: route {} answered {}; next route", call.aCallId, call.attempt + 1, status);
                call.lastFailure = status;
                nextRoute(call);
            } else {
                endBy(call, status, "CARRIER");
            }
        }
    }

    public void onTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction ct = event.getClientTransaction();
        String callId = ((CallIdHeader) ct.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
        Call call = calls.get(callId);
        if (call == null || !Request.INVITE.equals(ct.getRequest().getMethod())) {
            return;
        }
        synchronized (call) {
            if (call.bInvite != ct || call.state == Call.State.ENDED || call.state == Call.State.CONFIRMED) {
                return;
            }
            calls.remove(call.bCallId);
            call.attemptEnded(Response.REQUEST_TIMEOUT);
            call.lastFailure = Response.REQUEST_TIMEOUT;
            nextRoute(call);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    /** Relays a carrier's answer to the PBX, with the edge's own tag, Contact and the carrier's SDP. */
    private void relay(Call call, int status, Response from) throws ParseException, SipException, InvalidArgumentException {
        Response r = sip.messageFactory().createResponse(status, call.aRequest);
        ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(call.aToTag);
        r.addHeader(contact(sip.listeningPoint(transportOf(call.aRequest))));
        if (from != null) {
            copyHeaders(from, r, SESSION_TIMER_RESPONSE);
        }
        byte[] body = from == null ? null : from.getRawContent();
        if (body != null && body.length > 0) {
            ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
            r.setContent(body, type != null ? type : sip.headerFactory().createContentTypeHeader("application", "sdp"));
        }
        call.aInvite.sendResponse(r);
    }

    /** Answers the PBX with a final failure the edge decided on (refusal, no route left). Holds the call's lock. */
    private void end(Call call, int status) {
        endBy(call, status, "EDGE");
    }

    /** Answers the PBX with a final failure and forgets the call. Holds the call's lock. */
    private void endBy(Call call, int status, String side) {
        call.state = Call.State.ENDED;
        if (call.attemptTimer != null) {
            call.attemptTimer.cancel(false);
        }
        try {
            Response r = sip.messageFactory().createResponse(status, call.aRequest);
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(call.aToTag);
            call.aInvite.sendResponse(r);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("call {}: could not answer {} to the PBX: {}", call.aCallId, status, e.toString());
        }
        forget(call);
        finish(call, status, side);
        LOG.info("call {} ended with {}", call.aCallId, status);
    }

    /** Session-timer headers (RFC 4028) a request carries on to the other side. */
    static final List<String> SESSION_TIMER_REQUEST = List.of("Session-Expires", "Min-SE", "Supported");
    /** Session-timer headers an answer carries back. */
    static final List<String> SESSION_TIMER_RESPONSE = List.of("Session-Expires", "Require", "Min-SE");

    private static void copyHeaders(javax.sip.message.Message from, javax.sip.message.Message to, List<String> names) {
        for (String name : names) {
            java.util.ListIterator<?> values = from.getHeaders(name);
            while (values != null && values.hasNext()) {
                to.addHeader((javax.sip.header.Header) ((javax.sip.header.Header) values.next()).clone());
            }
        }
    }

    /** Channel limits per PBX id ({@code pbx.<id>.max-channels}); a PBX not named has none. */
    public void limitPbxChannels(Map<String, Integer> limits) {
        this.pbxChannels = Map.copyOf(limits);
    }

    /** Counter subject of a PBX's calls (carriers are counted under their id). */
    public static final String PBX_SUBJECT = "pbx:";

    /** Gives back the channel the call's last attempt held. */
    private void releaseChannel(Call call) {
        if (call.heldCarrier != null) {
            try {
                counters.release(call.heldCarrier);
            } catch (RuntimeException e) {
                LOG.warn("call {}: channel of {} not released: {}", call.aCallId, call.heldCarrier, e.toString());
            }
            call.heldCarrier = null;
        }
    }

    public int callsOn(String carrier) {
        return counters.count(carrier);
    }

    private void forget(Call call) {
        releaseChannel(call);
        if (call.heldPbx != null) {
            try {
                counters.release(call.heldPbx);
            } catch (RuntimeException e) {
                LOG.warn("call {}: channel of {} not released: {}", call.aCallId, call.heldPbx, e.toString());
            }
            call.heldPbx = null;
        }
        calls.remove(call.aCallId);
        if (call.bCallId != null) {
            calls.remove(call.bCallId);
        }
    }

    private void ack(Response response, String callId) throws ParseException, SipException, InvalidArgumentException {
        HeaderFactory h = sip.headerFactory();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        ContactHeader c = (ContactHeader) response.getHeader(ContactHeader.NAME);
        URI target = c != null ? c.getAddress().getURI() : null;
        Call call = calls.get(callId);
        if (target == null && call != null) {
            target = call.bRequest.getRequestURI();
        }
        if (target == null) {
            return;
        }
        ListeningPoint lp = sip.listeningPoint(transportOf(response));
        ViaHeader via = h.createViaHeader(lp.getIPAddress(), lp.getPort(), lp.getTransport(), branch());
        Request ack = sip.messageFactory().createRequest(target, Request.ACK,
                (CallIdHeader) response.getHeader(CallIdHeader.NAME), h.createCSeqHeader(cseq.getSeqNumber(), Request.ACK),
                (FromHeader) response.getHeader(FromHeader.NAME), (ToHeader) response.getHeader(ToHeader.NAME),
                List.of(via), h.createMaxForwardsHeader(70));
        sip.provider().sendRequest(ack);
    }

    private void byeAbandoned(Response response, String callId) throws ParseException, SipException, InvalidArgumentException {
        ContactHeader c = (ContactHeader) response.getHeader(ContactHeader.NAME);
        if (c == null) {
            return;
        }
        HeaderFactory h = sip.headerFactory();
        ListeningPoint lp = sip.listeningPoint(transportOf(response));
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        Request bye = sip.messageFactory().createRequest(c.getAddress().getURI(), Request.BYE,
                (CallIdHeader) response.getHeader(CallIdHeader.NAME), h.createCSeqHeader(cseq.getSeqNumber() + 1, Request.BYE),
                (FromHeader) response.getHeader(FromHeader.NAME), (ToHeader) response.getHeader(ToHeader.NAME),
                List.of(h.createViaHeader(lp.getIPAddress(), lp.getPort(), lp.getTransport(), null)),
                h.createMaxForwardsHeader(70));
        sip.provider().getNewClientTransaction(bye).sendRequest();
    }

    /** A request of the edge's in the carrier dialog. */
    private Request inDialogToCarrier(Call call, String method) throws ParseException, InvalidArgumentException {
        HeaderFactory h = sip.headerFactory();
        ListeningPoint lp = sip.listeningPoint(transportOf(call.bRequest));
        FromHeader from = (FromHeader) call.bRequest.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) ((ToHeader) call.bRequest.getHeader(ToHeader.NAME)).clone();
        to.setTag(call.bToTag);
        Request r = sip.messageFactory().createRequest(call.bRemoteTarget, method,
                (CallIdHeader) call.bRequest.getHeader(CallIdHeader.NAME), h.createCSeqHeader(++call.bCseq, method),
                from, to, List.of(h.createViaHeader(lp.getIPAddress(), lp.getPort(), lp.getTransport(), null)),
                h.createMaxForwardsHeader(70));
        r.addHeader(contact(lp));
        return r;
    }

    /** A request of the edge's in the PBX dialog, where the edge is the called party. */
    private Request inDialogToPbx(Call call, String method) throws ParseException, InvalidArgumentException {
        HeaderFactory h = sip.headerFactory();
        Request a = call.aRequest;
        ListeningPoint lp = sip.listeningPoint(transportOf(a));
        ContactHeader c = (ContactHeader) a.getHeader(ContactHeader.NAME);
        URI target = c != null ? c.getAddress().getURI() : ((FromHeader) a.getHeader(FromHeader.NAME)).getAddress().getURI();
        ToHeader aTo = (ToHeader) a.getHeader(ToHeader.NAME);
        FromHeader aFrom = (FromHeader) a.getHeader(FromHeader.NAME);
        // Its From is the INVITE's To with the edge's tag; its To is the INVITE's From.
        Request r = sip.messageFactory().createRequest(target, method, (CallIdHeader) a.getHeader(CallIdHeader.NAME),
                h.createCSeqHeader(++call.aCseq, method), h.createFromHeader(aTo.getAddress(), call.aToTag),
                h.createToHeader(aFrom.getAddress(), aFrom.getTag()),
                List.of(h.createViaHeader(lp.getIPAddress(), lp.getPort(), lp.getTransport(), null)),
                h.createMaxForwardsHeader(70));
        r.addHeader(contact(lp));
        return r;
    }

    private void sendByeToCarrier(Call call) {
        try {
            sip.provider().getNewClientTransaction(inDialogToCarrier(call, Request.BYE)).sendRequest();
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("call {}: BYE to the carrier failed: {}", call.aCallId, e.toString());
        }
    }

    private void sendByeToPbx(Call call) {
        try {
            sip.provider().getNewClientTransaction(inDialogToPbx(call, Request.BYE)).sendRequest();
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("call {}: BYE to the PBX failed: {}", call.aCallId, e.toString());
        }
    }

    private void respond(ServerTransaction st, Request request, int status, String reason)
            throws ParseException, SipException, InvalidArgumentException {
        Response r = sip.messageFactory().createResponse(status, request);
        if (reason != null) {
            r.setReasonPhrase(reason);
        }
        st.sendResponse(r);
    }

    private ContactHeader contact(ListeningPoint lp) throws ParseException {
        SipURI uri = sip.addressFactory().createSipURI("edge", lp.getIPAddress());
        uri.setPort(lp.getPort());
        if (!"udp".equalsIgnoreCase(lp.getTransport())) {
            uri.setTransportParam(lp.getTransport().toLowerCase());
        }
        return sip.headerFactory().createContactHeader(sip.addressFactory().createAddress(uri));
    }

    private static String transportOf(javax.sip.message.Message m) {
        ViaHeader via = (ViaHeader) m.getHeader(ViaHeader.NAME);
        return via == null ? "udp" : via.getTransport().toLowerCase();
    }

    static String userOf(URI uri) {
        if (uri instanceof SipURI s) {
            return s.getUser();
        }
        String text = uri.toString();
        int colon = text.indexOf(':');
        int at = text.indexOf('@');
        return at > colon ? text.substring(colon + 1, at) : text.substring(colon + 1);
    }

    private static String tag() {
        return Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    private static String branch() {
        return "z9hG4bK" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    public void close() {
        deciders.shutdownNow();
        timers.shutdownNow();
    }
}
