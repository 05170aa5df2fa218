package io.trunkline.edge.b2bua;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.CallId;
import io.trunkline.edge.cluster.TrunkHealthStore;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.overload.OverloadControl;
import io.trunkline.edge.overload.OverloadRefusal;
import io.trunkline.edge.routing.RoutingPort;
import io.trunkline.edge.stir.CallSigning;
import io.trunkline.edge.stir.CallVerification;
import io.trunkline.edge.transport.SipEndpoint;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-to-back user agent: a PBX's INVITE becomes a new call of the edge's own towards the carrier
 * the decision names, with its own Call-ID, tags, Via and Contact (topology hiding: neither side sees the
 * other's addresses). Provisional and final answers are relayed back; a failover code, a timeout or no
 * provisional answer within the attempt timeout moves the call to the next route; other final answers
 * (404, 486, 603...) are relayed as they are. Who may call is {@link Admission}'s to say, the carrier leg's
 * form {@link CarrierDialect}'s, the order of routes {@link FailoverSequencer}'s, each attempt
 * {@link RouteAttempts}', requests inside a call {@link InDialogRelay}'s, and synthetic test calls, which take the
 * same path from a caller of the node's own, {@link TestCallOriginator}'s.
 */
public final class B2bua {

    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
    /** Threads asking the platform for decisions (each blocks on one HTTP request). */
    public static final int DECISION_THREADS = 8;
    /**
     * How long a synthetic test call waits for its decision: its caller is the node itself, and a port's or a drill's
     * evidence must not fail because the platform has just started and its first decisions are slow.
     */
    static final java.time.Duration TEST_CALL_DECISION_BUDGET = java.time.Duration.ofSeconds(3);

    /** Where finished calls' records go (the journal, then the platform). */
    @FunctionalInterface
    public interface CallRecords {
        void record(CallRecord record) throws java.io.IOException;

        /** A request refused for security reasons (an unknown source). */
        default void rejected(String source, String method, int code, String reason) throws java.io.IOException {
        }
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(DECISION_THREADS, r -> daemon(r, "edge-decide"));
    /** Where decisions are asked: the pool, or the caller's thread in unit tests. */
    private final Executor deciders;
    private final ScheduledExecutorService timers = timers();
    private final SipEndpoint sip;
    private final RoutingPort routing;
    private final Admission admission;
    private final Messages messages;
    private final Calls calls;
    private final InDialogRelay inDialog;
    private final OverloadControl overload;
    private final AtomicInteger pendingDecisions = new AtomicInteger();
    private final RouteAttempts attempts;
    private final TestCallOriginator testCalls;
    private final CallMedia media = new CallMedia();
    /** Verifies the identity of carriers' calls; set once at start, before the first call. */
    private volatile CallVerification verifying = CallVerification.OFF;

    public B2bua(SipEndpoint sip, RoutingPort routing, Admission admission, CarrierDialect dialect,
                 TrunkHealthStore health, String node, CallRecords records, OverloadControl overload) {
        this(sip, routing, admission, dialect, health, node, records, Clock.systemUTC(), null, overload);
    }

    B2bua(SipEndpoint sip, RoutingPort routing, Admission admission, CarrierDialect dialect, TrunkHealthStore health,
          String node, CallRecords records, Clock clock, Executor deciders) {
        this(sip, routing, admission, dialect, health, node, records, clock, deciders, OverloadControl.NONE);
    }

    /** With {@code deciders} null, decisions are asked on the B2BUA's own pool of {@value #DECISION_THREADS} threads. */
    B2bua(SipEndpoint sip, RoutingPort routing, Admission admission, CarrierDialect dialect, TrunkHealthStore health,
          String node, CallRecords records, Clock clock, Executor deciders, OverloadControl overload) {
        this.deciders = deciders != null ? deciders : pool;
        this.overload = overload;
        this.sip = sip;
        this.routing = routing;
        this.admission = admission;
        this.messages = new Messages(sip);
        this.calls = new Calls(sip, admission, new CallRecordAssembler(node), records, clock, media);
        this.inDialog = new InDialogRelay(sip, messages, calls, media, timers);
        this.attempts = new RouteAttempts(sip, dialect, new FailoverSequencer(health, admission, dialect), messages, calls,
                timers, media);
        this.testCalls = new TestCallOriginator(this, sip, calls, admission, inDialog, messages, timers);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Signs outbound calls with {@code signing} (STIR/SHAKEN) from now on. */
    public void signWith(CallSigning signing) {
        attempts.signWith(signing);
    }

    /** Relays calls' media through {@code relay}, each peer offered as {@code settings} say, from now on. */
    public void relayMediaWith(io.trunkline.edge.media.MediaRelay relay, io.trunkline.edge.config.MediaSettings settings) {
        media.use(relay, settings);
    }

    /** Verifies the identity of calls from carriers with {@code verification} from now on. */
    public void verifyWith(CallVerification verification) {
        this.verifying = verification;
    }

    /** Where synthetic test calls are placed, through this B2BUA like real calls. */
    public TestCallOriginator testCalls() {
        return testCalls;
    }

    /** Re-INVITEs, UPDATEs, BYE and CANCEL of the calls this B2BUA carries. */
    public InDialogRelay inDialog() {
        return inDialog;
    }

    public int activeCalls() {
        return calls.active();
    }

    /** Calls admitted that no carrier has rung or answered yet and that have not ended: a load signal. */
    public int callsInSetup() {
        return calls.inSetup();
    }

    /** Decisions asked and not yet answered: a load signal for overload control. */
    public int pendingDecisions() {
        return pendingDecisions.get();
    }

    // --- requests -------------------------------------------------------------------------------

    public void onInvite(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        Request request = event.getRequest();
        String callId = Messages.callIdOf(request);
        Call existing = calls.get(callId);
        if (existing != null) {
            inDialog.reInvite(event, existing, callId);
            return;
        }
        if (!overload.admit(OverloadControl.attempt(callId, ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber()))) {
            // Refused before any state or platform request is spent on it; calls already taken go on.
            OverloadRefusal.send(sip, request, overload.retryAfterSeconds());
            return;
        }
        long arrived = System.nanoTime();
        ServerTransaction st = sip.serverTransaction(event);
        // JAIN-SIP RI extension: where the request came from on the wire (not what its headers claim).
        gov.nist.javax.sip.RequestEventExt wire = (gov.nist.javax.sip.RequestEventExt) event;
        Peer peer = admission.source(wire.getRemoteIpAddress(), wire.getRemotePort(), callId);
        if (peer == null) {
            // Security basics: INVITEs only from configured PBXs and carriers.
            messages.respond(st, request, Response.FORBIDDEN);
            return;
        }
        if (!takesAsNewCall(st, request)) {
            return;
        }
        CallId id;
        try {
            id = new CallId(callId);
        } catch (IllegalArgumentException e) {
            // RFC 3261 §8.2: a request the edge cannot keep a record of is refused, not half carried.
            Response bad = sip.factories().messages().createResponse(Response.BAD_REQUEST, request);
            bad.setReasonPhrase("Bad Request (" + e.getMessage() + ")");
            st.sendResponse(bad);
            return;
        }
        messages.respond(st, request, Response.TRYING);
        Call call = new Call(id, st, request, Messages.tag(), peer, calls.clock().instant());
        calls.put(callId, call);
        calls.setupStarted(call);
        if (!admission.holdPbxChannel(call)) {
            synchronized (call) {
                calls.end(call, Response.SERVICE_UNAVAILABLE);
            }
            return;
        }
        String called = Messages.userOf(request.getRequestURI());
        String calling = Messages.userOf(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
        // A carrier's call comes in to a DID; a PBX's goes out (or across to another PBX).
        // Forwarded (RFC 5806 Diversion, RFC 7044 History-Info): the From is the original caller's, which the
        // attestation of the call must know.
        boolean forwarded = request.getHeader("Diversion") != null || request.getHeader("History-Info") != null;
        RouteRequest.Direction direction = peer instanceof Peer.Carrier ? RouteRequest.Direction.INBOUND
                : RouteRequest.Direction.OUTBOUND;
        // RFC 8224: the caller's signed identity, verified with the decision (it may fetch a certificate), which the
        // platform's inbound rules may refuse.
        boolean verify = peer instanceof Peer.Carrier && verifying.enabled();
        javax.sip.header.Header identity = verify ? request.getHeader(Messages.IDENTITY) : null;
        String asserted = verify ? Messages.assertedUserOf(request) : null;
        decide(call, arrived, () -> {
            IdentityCheck check = null;
            if (verify) {
                call.verification = verifying.verify(identity == null ? null : Messages.valueOf(identity),
                        asserted, called, calls.clock().instant());
                check = call.verification.check();
            }
            return new RouteRequest(callId, direction, peer.name(), calling, called, null, forwarded, check);
        });
    }

    /**
     * Asks for the call's decision on a decider thread ({@code request} is made there: a verification may fetch a
     * certificate) and carries the call on with it. A real call's and a test call's decisions are asked alike.
     */
    void decide(Call call, long arrived, java.util.function.Supplier<RouteRequest> request) {
        pendingDecisions.incrementAndGet();
        deciders.execute(() -> {
            RoutingPort.Decided d;
            try {
                d = call.test != null ? routing.decide(request.get(), TEST_CALL_DECISION_BUDGET)
                        : routing.decide(request.get());
            } finally {
                pendingDecisions.decrementAndGet();
                overload.decided(System.nanoTime() - arrived);
            }
            decided(call, d);
        });
    }

    private void decided(Call call, RoutingPort.Decided decided) {
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return;
            }
            call.decided = decided;
            RouteDecision d = decided.decision();
            LOG.info("call {} from {} to {}: {} by {} {}", call.aCallId, call.peer.name(), d.called(), d.verdict(),
                    decided.source(), d.routes().stream().map(Route::target).toList());
            if (d.verdict() == RouteDecision.Verdict.REJECT) {
                calls.end(call, d.sipCode() == null ? Response.FORBIDDEN : d.sipCode());
                return;
            }
            call.state = Call.State.TRYING;
            attempts.next(call);
        }
    }

    // --- responses ------------------------------------------------------------------------------

    public void onResponse(ResponseEvent event) throws SipException, ParseException, InvalidArgumentException {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (Request.UPDATE.equals(cseq.getMethod())) {
            inDialog.onUpdateResponse(event);
            return;
        }
        if (Request.INFO.equals(cseq.getMethod())) {
            inDialog.onInfoResponse(event);
            return;
        }
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        String callId = Messages.callIdOf(response);
        Call call = calls.get(callId);
        if (call == null) {
            return;
        }
        int status = response.getStatusCode();
        synchronized (call) {
            if (inDialog.onReInviteResponse(event, call)) {
                return;
            }
            boolean carrierLeg = callId.equals(call.bCallId);
            if ((carrierLeg || call.isPbxLeg(callId)) && call.state == Call.State.CONFIRMED && status >= 200
                    && status < 300) {
                if (inCallsDialog(call, carrierLeg, response)) {
                    // A 2xx again for an INVITE of the edge's in this call's dialog (the carrier's answer, or either
                    // side's answer to a re-INVITE passed through): our ACK was lost (RFC 3261 §13.2.2.4);
                    // acknowledged again, nothing more.
                    inDialog.ackAgain(call, response, !carrierLeg,
                            carrierLeg ? call.bRemoteTarget : Messages.remoteTarget(call.aRequest));
                } else {
                    // A 2xx of another dialog (a forked answer): acknowledged and hung up (§13.2.2.4).
                    messages.ack(response, null);
                    messages.byeAbandoned(response);
                }
                return;
            }
            if (!callId.equals(call.bCallId) || call.state == Call.State.ENDED) {
                if (status >= 200 && status < 300) {
                    // A late 2xx of an abandoned attempt: acknowledge and hang it up (RFC 3261 §13.2.2.4).
                    messages.ack(response, call.bRequest == null ? null : call.bRequest.getRequestURI());
                    messages.byeAbandoned(response);
                }
                return;
            }
            if (status < 200) {
                if (call.state == Call.State.TRYING || call.state == Call.State.EARLY) {
                    // Not after the answer (a late fork's, or one overtaken by the 2xx): the call is confirmed.
                    provisional(call, status, response);
                }
                return;
            }
            if (call.attemptTimer != null) {
                call.attemptTimer.cancel(false);
            }
            call.attemptEnded(status);
            if (status < 300) {
                answered(call, status, response);
                return;
            }
            calls.removeLeg(call.bCallId);
            if (FailoverSequencer.failsOver(call, status)) {
                LOG.info("call {}: route {} answered {}; next route", call.aCallId, call.attempt + 1, status);
                call.lastFailure = status;
                attempts.next(call);
            } else {
                calls.endBy(call, status, "CARRIER");
            }
        }
    }

    /**
     * Whether a configured peer's INVITE for no call the node holds can be a new call; if not, it is answered. With a
     * To tag it is a re-INVITE of a call the node does not hold (ended, crossed with a BYE, or held by a node that
     * went away): 481 (RFC 3261 §12.2.2), never a new call, which would dial the number again. With no hop left it
     * is the end of a routing loop (the edge's own INVITEs carry one less each time round): 483. Requiring an
     * extension the edge does not carry (100rel, precondition...): 420 naming it (RFC 3261 §8.2.2.3).
     */
    private boolean takesAsNewCall(ServerTransaction st, Request request)
            throws ParseException, SipException, InvalidArgumentException {
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        if (toTag != null && !toTag.isEmpty()) {
            messages.respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return false;
        }
        MaxForwardsHeader hops = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (hops != null && hops.getMaxForwards() == 0) {
            messages.respond(st, request, Response.TOO_MANY_HOPS);
            return false;
        }
        List<String> unsupported = Messages.unsupported(request);
        if (!unsupported.isEmpty()) {
            Response bad = sip.factories().messages().createResponse(Response.BAD_EXTENSION, request);
            for (String tag : unsupported) {
                bad.addHeader(sip.factories().headers().createUnsupportedHeader(tag));
            }
            st.sendResponse(bad);
            return false;
        }
        return true;
    }

    private void provisional(Call call, int status, Response response)
            throws SipException, ParseException, InvalidArgumentException {
        if (Messages.isReliable(response)) {
            // The edge offers no 100rel, yet a carrier or PBX that sends a reliable answer anyway waits for its PRACK
            // (RFC 3262 §3: no 2xx after an unacknowledged one with SDP): the edge gives it, hop by hop, and relays
            // the answer once, unreliably. Its retransmissions (the same RSeq or an older one) are not relayed again.
            long rseq = ((RSeqHeader) response.getHeader(RSeqHeader.NAME)).getSequenceNumber();
            if (rseq <= call.bRseq) {
                return;
            }
            messages.prack(response, call.bRequest.getRequestURI(), ++call.bCseq);
            call.bRseq = rseq;
            if (Messages.hasBody(response)) {
                // Its SDP is the answer (RFC 3262 §5), which the carrier need not send again in its 2xx; the PBX's
                // is the 2xx, so that is where it goes then.
                call.reliableAnswer = response;
            }
        }
        call.provisional = true;
        if (status > 100 && call.firstProvisionalMs == null) {
            call.firstProvisionalMs = (System.nanoTime() - call.attemptStartNanos) / 1_000_000;
        }
        if (status > 100) {
            // The carrier has the call: what follows (ringing) is the called party's time, not the node's work.
            calls.setupOver(call);
            call.state = Call.State.EARLY;
            relay(call, status, response, false);
        }
    }

    private void answered(Call call, int status, Response response)
            throws SipException, ParseException, InvalidArgumentException {
        call.answeredAt = calls.clock().instant();
        call.bToTag = ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
        ContactHeader c = (ContactHeader) response.getHeader(ContactHeader.NAME);
        call.bRemoteTarget = c != null ? c.getAddress().getURI() : call.bRequest.getRequestURI();
        boolean delayedOffer = call.test == null && Messages.delayedOffer(call.bRequest, response);
        if (!delayedOffer) {
            messages.ack(response, call.bRequest.getRequestURI());
        }
        call.state = Call.State.CONFIRMED;
        calls.setupOver(call);
        Response relayed = relay(call, status, response, delayedOffer);
        if (delayedOffer) {
            // The PBX's INVITE had no SDP: the carrier offered in its 2xx; its ACK waits for the PBX's answer.
            inDialog.holdAck(call, response, call.bRequest.getRequestURI(), false, relayed);
        }
        LOG.info("call {} answered on route {} ({})", call.aCallId, call.attempt + 1,
                call.decision().routes().get(call.attempt).target());
    }

    public void onTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            try {
                if (inDialog.onOfferTimeout(event.getClientTransaction())
                        || inDialog.onInfoTimeout(event.getClientTransaction())) {
                    return;
                }
            } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
                LOG.warn("an offer's sender not answered after the other side's timeout: {}", e.toString());
                return;
            }
        }
        attempts.onTimeout(event);
    }

    /** Whether a 2xx on one of the call's legs is of that leg's dialog: the carrier's tag, or the PBX's own. */
    private static boolean inCallsDialog(Call call, boolean carrierLeg, Response response) {
        String tag = ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
        String dialogTag = carrierLeg ? call.bToTag
                : ((FromHeader) call.aRequest.getHeader(FromHeader.NAME)).getTag();
        return tag != null && tag.equals(dialogTag);
    }

    /**
     * Relays a carrier's answer to the PBX, with the edge's own tag, Contact and the carrier's SDP (its offer, when the
     * PBX's INVITE had none: {@code delayedOffer}); returns what was sent (null for a test call, whose caller is the node).
     */
    private Response relay(Call call, int status, Response from, boolean delayedOffer)
            throws ParseException, SipException, InvalidArgumentException {
        if (call.test != null) {
            // A test call's caller is the node itself: the answer goes to its outcome, not into a transaction.
            call.test.answered(call, status);
            return null;
        }
        Response r = sip.factories().messages().createResponse(status, call.aRequest);
        ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(call.aToTag);
        r.addHeader(messages.contact(messages.localFor(call.aRequest)));
        Messages.copyHeaders(from, r, Messages.END_TO_END_RESPONSE);
        if (delayedOffer) {
            media.delayedOffer(call, from, r);
        } else if (status >= 200 && !Messages.hasBody(from) && call.reliableAnswer != null) {
            // The answer came in a reliable 18x the edge acknowledged; the PBX's reliable answer is this 2xx.
            media.answer(call, call.reliableAnswer, r);
        } else {
            media.answer(call, from, r);
        }
        call.aInvite.sendResponse(r);
        if (status >= 200 && status < 300) {
            inDialog.awaitAck(call, true, r);
        }
        return r;
    }

    /** The call timers' one thread; a cancelled timer leaves its queue at once, with the call and answer it holds. */
    private static ScheduledExecutorService timers() {
        java.util.concurrent.ScheduledThreadPoolExecutor t = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                r -> daemon(r, "edge-timers"));
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    public void close() {
        pool.shutdownNow();
        timers.shutdownNow();
    }
}
