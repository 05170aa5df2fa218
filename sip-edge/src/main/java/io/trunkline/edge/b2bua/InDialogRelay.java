package io.trunkline.edge.b2bua;

import io.trunkline.edge.transport.LocalPoint;
import io.trunkline.edge.transport.SipEndpoint;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionState;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests inside a call, from either side to the other in that side's dialog: re-INVITEs and UPDATEs
 * (RFC 3311) one offer at a time with their answers relayed back, BYE ending both legs, and CANCEL before
 * answer (RFC 3261 §9.2: CANCEL towards the carrier, 487 to the PBX).
 */
public final class InDialogRelay {

    private static final Logger LOG = LoggerFactory.getLogger(InDialogRelay.class);

    private final SipEndpoint sip;
    private final Messages messages;
    private final Calls calls;

    private final CallMedia media;
    private final ScheduledExecutorService timers;

    private final long t1Ms;
    private final long t2Ms;
    private final long answerWaitMs;
    /** Headers of an INFO that go on with it (RFC 6086 §7.2). */
    private static final List<String> INFO_HEADERS = List.of("Info-Package", "Content-Disposition");
    /** INFO requests passed to the other side and not finally answered yet: the edge's transaction → the sender's. */
    private final Map<ClientTransaction, ServerTransaction> infos = new ConcurrentHashMap<>();

    InDialogRelay(SipEndpoint sip, Messages messages, Calls calls, CallMedia media, ScheduledExecutorService timers) {
        this(sip, messages, calls, media, timers, T1_MS, T2_MS, ANSWER_WAIT_MS);
    }

    /** With the 2xx retransmission's T1, T2 and total wait given (unit tests shorten them). */
    InDialogRelay(SipEndpoint sip, Messages messages, Calls calls, CallMedia media, ScheduledExecutorService timers,
                  long t1Ms, long t2Ms, long answerWaitMs) {
        this.t1Ms = t1Ms;
        this.t2Ms = t2Ms;
        this.answerWaitMs = answerWaitMs;
        this.media = media;
        this.timers = timers;
        this.sip = sip;
        this.messages = messages;
        this.calls = calls;
    }

    /**
     * A re-INVITE (or session refresh, RFC 4028) from either side is passed to the other side in that side's
     * dialog, its answer relayed back; the edge acknowledges a 2xx itself and absorbs the sender's ACK, except when
     * the re-INVITE had no SDP: then the 2xx is the offer and the edge's ACK carries the answer from the sender's
     * ACK ({@link #holdAck}).
     */
    void reInvite(RequestEvent event, Call call, String callId) throws SipException, ParseException, InvalidArgumentException {
        passThrough(event, sip.serverTransaction(event), call, callId, Request.INVITE);
    }

    /** An UPDATE (RFC 3311) in a confirmed call goes to the other side like a re-INVITE, without the ACK. */
    public void onUpdate(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        ServerTransaction st = sip.serverTransaction(event);
        Call call = callOf(event, st);
        if (call != null) {
            passThrough(event, st, call, Messages.callIdOf(event.getRequest()), Request.UPDATE);
        }
    }

    /**
     * Whether the call is confirmed, so that a request within it can go to the other side; if not, the request is
     * answered: before the answer the edge has no dialog with the other side to pass it in (491, for the sender to try
     * again), after the end 481. Holds the call's lock.
     */
    private boolean confirmed(Call call, ServerTransaction st, Request request)
            throws SipException, ParseException, InvalidArgumentException {
        if (call.state == Call.State.CONFIRMED) {
            return true;
        }
        messages.respond(st, request, call.state == Call.State.ENDED ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST
                : Response.REQUEST_PENDING);
        return false;
    }

    private void passThrough(RequestEvent event, ServerTransaction st, Call call, String callId, String method)
            throws SipException, ParseException, InvalidArgumentException {
        Request request = event.getRequest();
        synchronized (call) {
            if (!confirmed(call, st, request)) {
                return;
            }
            if (call.reInvite != null || call.update != null || (call.heldAck != null && call.heldAck.sent == null)) {
                // RFC 3261 §14.2, RFC 3311 §5.2: one offer at a time (a delayed offer is open until its ACK's answer).
                messages.respond(st, request, Response.REQUEST_PENDING);
                return;
            }
            boolean fromPbx = call.isPbxLeg(callId);
            if (call.test != null && !fromPbx) {
                // A test call's caller is the node itself, with no media to offer again (RFC 3261 §14.2).
                messages.respond(st, request, Response.NOT_ACCEPTABLE_HERE);
                return;
            }
            Request out = fromPbx ? toCarrier(call, method) : toPbx(call, method);
            Messages.copyHeaders(request, out, Messages.END_TO_END_REQUEST);
            media.reOffer(call, fromPbx, request, out);
            ClientTransaction ct = sip.clientTransaction(out);
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

    /**
     * An INFO (RFC 6086: DTMF as {@code application/dtmf-relay} from Cisco gateways and Asterisk's {@code dtmf_mode=info},
     * fax and video control) in a confirmed call goes to the other side in that side's dialog with its body and
     * Info-Package, and its final answer comes back; several may be under way at once (digits in quick succession).
     */
    public void onInfo(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        ServerTransaction st = sip.serverTransaction(event);
        Call call = callOf(event, st);
        if (call == null) {
            return;
        }
        Request request = event.getRequest();
        synchronized (call) {
            if (!confirmed(call, st, request)) {
                return;
            }
            if (call.test != null) {
                // A test call's caller is the node: there is nobody to pass it to.
                messages.respond(st, request, Response.OK);
                return;
            }
            boolean fromPbx = call.isPbxLeg(Messages.callIdOf(request));
            Request out = fromPbx ? toCarrier(call, Request.INFO) : toPbx(call, Request.INFO);
            Messages.copyHeaders(request, out, INFO_HEADERS);
            messages.copyBody(request, out);
            ClientTransaction ct = sip.clientTransaction(out);
            // Transactions ended without an answer or a timeout (a transport error ends them at once) leave here.
            infos.keySet().removeIf(t -> t.getState() == TransactionState.TERMINATED);
            infos.put(ct, st);
            try {
                ct.sendRequest();
            } catch (SipException | RuntimeException e) {
                // Not sent (the other side's address or connection failed): its sender is answered now.
                infos.remove(ct);
                LOG.info("call {}: INFO not passed on: {}", call.aCallId, e.toString());
                messages.respond(st, request, Response.SERVICE_UNAVAILABLE);
            }
        }
    }

    /** The final answer to an INFO the edge passed on: relayed back to its sender. Whether it was one. */
    boolean onInfoResponse(ResponseEvent event) throws SipException, ParseException, InvalidArgumentException {
        Response response = event.getResponse();
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null) {
            return false;
        }
        if (response.getStatusCode() < 200) {
            return infos.containsKey(ct);
        }
        ServerTransaction st = infos.remove(ct);
        if (st == null) {
            return false;
        }
        Response back = sip.factories().messages().createResponse(response.getStatusCode(), st.getRequest());
        back.setReasonPhrase(response.getReasonPhrase());
        // A 469 names the packages the other side takes (RFC 6086 §4.2.2).
        Messages.copyHeaders(response, back, List.of("Recv-Info"));
        messages.copyBody(response, back);
        st.sendResponse(back);
        return true;
    }

    /** An INFO the other side never answered (Timer F): 408 to its sender. Whether {@code ct} was one. */
    boolean onInfoTimeout(ClientTransaction ct) throws SipException, ParseException, InvalidArgumentException {
        ServerTransaction st = infos.remove(ct);
        if (st == null) {
            return false;
        }
        messages.respond(st, st.getRequest(), Response.REQUEST_TIMEOUT);
        return true;
    }

    /** An answer to an UPDATE the edge passed on: relayed back to its sender. */
    void onUpdateResponse(ResponseEvent event) throws SipException, ParseException, InvalidArgumentException {
        String callId = Messages.callIdOf(event.getResponse());
        Call call = calls.get(callId);
        if (call != null) {
            synchronized (call) {
                if (call.update != null && event.getClientTransaction() == call.update.to()) {
                    offerAnswered(call, event.getResponse());
                }
            }
        }
    }

    /** Whether an INVITE answer is the answer to a re-INVITE the edge passed on (then relayed back). Holds the call's lock. */
    boolean onReInviteResponse(ResponseEvent event, Call call) throws SipException, ParseException, InvalidArgumentException {
        if (call.reInvite == null || event.getClientTransaction() != call.reInvite.to()) {
            return false;
        }
        offerAnswered(call, event.getResponse());
        return true;
    }

    /**
     * Whether {@code ct} is a re-INVITE or UPDATE the edge passed on that the other side never answered (Timer B or
     * F): its sender is answered 408 and the call takes offers again. Without this the call would answer every later
     * offer 491, the slot never freed.
     */
    boolean onOfferTimeout(ClientTransaction ct) throws SipException, ParseException, InvalidArgumentException {
        Call call = calls.get(Messages.callIdOf(ct.getRequest()));
        if (call == null) {
            return false;
        }
        synchronized (call) {
            Call.Offer pending;
            if (call.reInvite != null && call.reInvite.to() == ct) {
                pending = call.reInvite;
                call.reInvite = null;
            } else if (call.update != null && call.update.to() == ct) {
                pending = call.update;
                call.update = null;
            } else {
                return false;
            }
            LOG.info("call {}: {} not answered by the other side; 408 to its sender", call.aCallId,
                    ct.getRequest().getMethod());
            messages.respond(pending.from(), pending.from().getRequest(), Response.REQUEST_TIMEOUT);
            return true;
        }
    }

    private void offerAnswered(Call call, Response response) throws SipException, ParseException, InvalidArgumentException {
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        boolean update = call.update != null && Request.UPDATE.equals(
                ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod());
        Call.Offer pending = update ? call.update : call.reInvite;
        Request sent = pending.from().getRequest();
        boolean fromPbx = call.isPbxLeg(Messages.callIdOf(sent));
        // A re-INVITE without SDP: the 2xx makes the offer and the sender's ACK will bring the answer.
        boolean delayedOffer = !update && status < 300 && Messages.delayedOffer(sent, response);
        if (update) {
            call.update = null;
        } else {
            call.reInvite = null;
            if (status < 300 && !delayedOffer) {
                messages.ack(response, pending.to().getRequest().getRequestURI());
            }
        }
        Response back = sip.factories().messages().createResponse(status, sent);
        back.addHeader(messages.contact(messages.localFor(sent)));
        Messages.copyHeaders(response, back, Messages.END_TO_END_RESPONSE);
        if (delayedOffer) {
            media.reOffer(call, !fromPbx, response, back);
        } else if (status < 300) {
            media.reAnswer(call, fromPbx, response, back);
        } else {
            messages.copyBody(response, back);
        }
        pending.from().sendResponse(back);
        if (delayedOffer) {
            holdAck(call, response, pending.to().getRequest().getRequestURI(), !fromPbx, back);
        }
        if (status < 300 && !update) {
            awaitAck(call, fromPbx, back);
        }
    }

    // --- delayed offers: the answer in the ACK (RFC 3261 §13.2.1, RFC 3264 §4) ---------------------------

    /**
     * Called with the call's lock held when the 2xx {@code offer} of one side (the PBX's when {@code toPbx}) answered
     * an INVITE without SDP the edge passed on, and {@code relayed}, the edge's 2xx with that offer, went to the
     * other side: the edge's ACK to the offering side is held until the other side's ACK brings the answer. An ACK
     * sent at once would carry none, and the offering side would be left with no session (most hang up).
     */
    void holdAck(Call call, Response offer, URI fallbackTarget, boolean toPbx, Response relayed) {
        call.heldAck = new Call.HeldAck(offer, fallbackTarget, toPbx,
                ((CSeqHeader) relayed.getHeader(CSeqHeader.NAME)).getSeqNumber());
    }

    /**
     * A 2xx of the call's dialog come again from the side whose previous one the edge acknowledged (or is about
     * to): acknowledged again, with the answer when that 2xx made a delayed offer; while that answer has not come,
     * nothing (the ACK will follow it). Holds the call's lock.
     */
    void ackAgain(Call call, Response response, boolean fromPbx, URI fallbackTarget)
            throws ParseException, SipException, InvalidArgumentException {
        Call.HeldAck held = call.heldAck;
        if (held != null && held.isFor(response, fromPbx)) {
            if (held.sent != null) {
                sip.sendStateless(held.sent);
            }
            return;
        }
        messages.ack(response, fallbackTarget);
    }

    /** The held ACK, with the answer in {@code answer} (the other side's ACK), to the side that made the offer. */
    private void sendHeldAck(Call call, Call.HeldAck held, Request answer) {
        try {
            Request ack = messages.ackFor(held.offer, held.fallbackTarget);
            if (ack == null) {
                return;
            }
            if (answer != null && Messages.hasBody(answer)) {
                media.reAnswer(call, held.toPbx, answer, ack);
            } else {
                // The ACK must answer the offer (RFC 3261 §13.2.2.4): with none from the other side (it hung up
                // first, or its ACK brought none), every stream is rejected.
                if (answer != null) {
                    LOG.warn("call {}: the {}'s ACK brought no answer to the delayed offer; its streams rejected",
                            call.aCallId, held.toPbx ? "callee" : "caller");
                }
                ack.setContent(Messages.rejectingAnswer(held.offer.getRawContent()),
                        sip.factories().headers().createContentTypeHeader("application", "sdp"));
            }
            held.sent = ack;
            sip.sendStateless(ack);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("call {}: ACK to the {} failed: {}", call.aCallId, held.toPbx ? "caller" : "callee", e.toString());
        }
    }

    /**
     * An ACK from either side. The ACK for the CSeq of a 2xx the edge sent that side ends that answer's
     * retransmissions, and when that 2xx relayed a delayed offer, its answer goes on in the edge's ACK to the
     * offering side; any other is absorbed (the other leg's 2xx was acknowledged by the edge when it arrived).
     */
    public void onAck(RequestEvent event) {
        Request ack = event.getRequest();
        String callId = Messages.callIdOf(ack);
        Call call = calls.get(callId);
        if (call == null) {
            return;
        }
        long cseq = ((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getSeqNumber();
        synchronized (call) {
            boolean pbx = call.isPbxLeg(callId);
            Call.Unacknowledged pending = call.unacknowledged(pbx);
            if (pending != null && pending.cseq == cseq) {
                pending.resend.cancel(false);
                call.unacknowledged(pbx, null);
            }
            Call.HeldAck held = call.heldAck;
            if (held != null && held.sent == null && held.toPbx != pbx && held.answerCseq == cseq) {
                sendHeldAck(call, held, ack);
            }
        }
    }

    // --- a 2xx to an INVITE until its ACK (RFC 3261 §13.3.1.4) ----------------------------------------

    /** T1 and T2 of RFC 3261 §17.1.1.1: the first interval and the cap of the 2xx's retransmissions. */
    static final long T1_MS = 500;
    static final long T2_MS = 4_000;
    /** How long the 2xx is sent again without an ACK before the call is ended: 64 × T1. */
    static final long ANSWER_WAIT_MS = 64 * T1_MS;

    /**
     * Called with the call's lock held once {@code answer}, a 2xx to an INVITE of the PBX ({@code toPbx}) or of the
     * carrier, has been sent: the INVITE's server transaction ends with a 2xx, so the edge (the UAS core) sends it
     * again at T1, 2·T1, ... up to T2 until that side acknowledges it. Over UDP a lost 2xx is otherwise never
     * repaired: the caller stops retransmitting its INVITE once it has a provisional answer (a first INVITE's call
     * hangs at the PBX; a re-INVITE's offer is left open). Without an ACK after 64·T1 the call is hung up on both
     * sides, as §13.3.1.4 asks of a session whose 2xx is never acknowledged.
     */
    void awaitAck(Call call, boolean toPbx, Response answer) {
        Call.Unacknowledged pending = new Call.Unacknowledged(answer,
                ((CSeqHeader) answer.getHeader(CSeqHeader.NAME)).getSeqNumber());
        Call.Unacknowledged before = call.unacknowledged(toPbx);
        if (before != null) {
            before.resend.cancel(false);
        }
        call.unacknowledged(toPbx, pending);
        pending.resend = timers.schedule(() -> resendAnswer(call, pending, t1Ms, t1Ms), t1Ms, TimeUnit.MILLISECONDS);
    }

    private void resendAnswer(Call call, Call.Unacknowledged pending, long interval, long waited) {
        synchronized (call) {
            if (call.state != Call.State.CONFIRMED || (call.toPbx != pending && call.toCarrier != pending)) {
                return;
            }
            if (waited >= answerWaitMs) {
                LOG.warn("call {}: no ACK from the {} for its answer in {} ms; hanging up", call.aCallId,
                        call.toPbx == pending ? "PBX" : "carrier", answerWaitMs);
                call.toPbx = null;
                call.toCarrier = null;
                call.state = Call.State.ENDED;
                calls.finish(call, Response.REQUEST_TIMEOUT, "EDGE");
                sendBye(call, true);
                sendBye(call, false);
                calls.forget(call);
                return;
            }
            try {
                sip.sendStateless(pending.answer);
            } catch (SipException | RuntimeException e) {
                LOG.debug("call {}: answer not sent again: {}", call.aCallId, e.toString());
            }
            long next = Math.min(interval * 2, t2Ms);
            pending.resend = timers.schedule(() -> resendAnswer(call, pending, next, waited + next), next,
                    TimeUnit.MILLISECONDS);
        }
    }

    public void onBye(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        Request bye = event.getRequest();
        ServerTransaction st = sip.serverTransaction(event);
        Call call = callOf(event, st);
        if (call == null) {
            return;
        }
        String callId = Messages.callIdOf(bye);
        synchronized (call) {
            if (call.state != Call.State.CONFIRMED) {
                messages.respond(st, bye, Response.OK);
                return;
            }
            call.state = Call.State.ENDED;
            boolean fromPbx = call.isPbxLeg(callId);
            // The record is journaled before the BYE is answered: a call its sender sees ended is on the node's
            // disk even if the node dies the next instant.
            calls.finish(call, Response.OK, fromPbx ? "PBX" : "CARRIER");
            messages.respond(st, bye, Response.OK);
            if (call.test == null) {
                sendBye(call, fromPbx);
            }
            calls.forget(call);
            if (call.test != null) {
                call.test.hungUpByCallee(call);
            }
            LOG.info("call {} ended by {}", call.aCallId, fromPbx ? "the PBX" : "the carrier");
        }
    }

    public void onCancel(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        ServerTransaction st = sip.serverTransaction(event);
        Call call = callOf(event, st);
        if (call == null) {
            return;
        }
        messages.respond(st, event.getRequest(), Response.OK);
        synchronized (call) {
            if (call.state == Call.State.CONFIRMED || call.state == Call.State.ENDED) {
                return;
            }
            if (call.bInvite != null && call.provisional) {
                sip.clientTransaction(call.bInvite.createCancel()).sendRequest();
            }
            call.attemptEnded(Response.REQUEST_TERMINATED);
            calls.endBy(call, Response.REQUEST_TERMINATED, "PBX");
            LOG.info("call {} cancelled by the PBX before answer", call.aCallId);
        }
    }

    /** The call an in-dialog request belongs to; null, answered 481 (RFC 3261 §12.2.2), when there is none. */
    private Call callOf(RequestEvent event, ServerTransaction st) throws SipException, ParseException,
            InvalidArgumentException {
        Call call = calls.get(Messages.callIdOf(event.getRequest()));
        if (call == null) {
            messages.respond(st, event.getRequest(), Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
        return call;
    }

    /** The BYE to the side that did not hang up. */
    private void sendBye(Call call, boolean toCarrier) {
        Call.HeldAck held = call.heldAck;
        if (held != null && held.sent == null && held.toPbx != toCarrier) {
            // The offer's ACK first, without the answer that never came: the BYE needs the dialog confirmed.
            sendHeldAck(call, held, null);
        }
        try {
            sip.clientTransaction(toCarrier ? toCarrier(call, Request.BYE) : toPbx(call, Request.BYE)).sendRequest();
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("call {}: BYE to the {} failed: {}", call.aCallId, toCarrier ? "carrier" : "PBX", e.toString());
        }
    }

    /** A request of the edge's in the carrier dialog, where the edge is the caller. */
    Request toCarrier(Call call, String method) throws ParseException, InvalidArgumentException {
        HeaderFactory h = sip.factories().headers();
        LocalPoint lp = messages.localFor(call.bRequest);
        FromHeader from = (FromHeader) call.bRequest.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) ((ToHeader) call.bRequest.getHeader(ToHeader.NAME)).clone();
        to.setTag(call.bToTag);
        Request r = sip.factories().messages().createRequest(call.bRemoteTarget, method,
                (CallIdHeader) call.bRequest.getHeader(CallIdHeader.NAME), h.createCSeqHeader(++call.bCseq, method),
                from, to, List.of(h.createViaHeader(lp.address(), lp.port(), lp.transport(), null)),
                h.createMaxForwardsHeader(70));
        r.addHeader(messages.contact(lp));
        return r;
    }

    /** A request of the edge's in the PBX dialog, where the edge is the called party. */
    Request toPbx(Call call, String method) throws ParseException, InvalidArgumentException {
        HeaderFactory h = sip.factories().headers();
        Request a = call.aRequest;
        LocalPoint lp = messages.localFor(a);
        FromHeader aFrom = (FromHeader) a.getHeader(FromHeader.NAME);
        URI target = Messages.remoteTarget(a);
        ToHeader aTo = (ToHeader) a.getHeader(ToHeader.NAME);
        // Its From is the INVITE's To with the edge's tag; its To is the INVITE's From.
        Request r = sip.factories().messages().createRequest(target, method, (CallIdHeader) a.getHeader(CallIdHeader.NAME),
                h.createCSeqHeader(++call.aCseq, method), h.createFromHeader(aTo.getAddress(), call.aToTag),
                h.createToHeader(aFrom.getAddress(), aFrom.getTag()),
                List.of(h.createViaHeader(lp.address(), lp.port(), lp.transport(), null)), h.createMaxForwardsHeader(70));
        r.addHeader(messages.contact(lp));
        return r;
    }
}
