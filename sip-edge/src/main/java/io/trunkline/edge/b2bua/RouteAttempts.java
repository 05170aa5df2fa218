package io.trunkline.edge.b2bua;

import io.trunkline.contract.routing.Route;
import io.trunkline.edge.stir.CallSigning;
import io.trunkline.edge.transport.SipEndpoint;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.URI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier leg's attempts: the INVITE to each route {@link FailoverSequencer} lets the call try, in the carrier's
 * dialect and signed as the decision says, and the move to the next route when an attempt gets no provisional
 * answer within the attempt timeout or its transaction times out (Timer B, RFC 3261 §17.1.1.2).
 */
final class RouteAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(RouteAttempts.class);

    private final SipEndpoint sip;
    private final CarrierDialect dialect;
    private final FailoverSequencer sequencer;
    private final Messages messages;
    private final Calls calls;
    private final ScheduledExecutorService timers;
    private final AttemptSigner signer;
    private final CallMedia media;

    RouteAttempts(SipEndpoint sip, CarrierDialect dialect, FailoverSequencer sequencer, Messages messages, Calls calls,
                  ScheduledExecutorService timers, CallMedia media) {
        this.media = media;
        this.sip = sip;
        this.dialect = dialect;
        this.sequencer = sequencer;
        this.messages = messages;
        this.calls = calls;
        this.timers = timers;
        this.signer = new AttemptSigner(sip.factories());
    }

    void signWith(CallSigning signing) {
        signer.signWith(signing);
    }

    /** Tries the next route, or ends the call with the last failure when none is left. Holds the call's lock. */
    void next(Call call) {
        for (Optional<Route> route = sequencer.next(call); route.isPresent(); route = sequencer.next(call)) {
            try {
                sendInvite(call, route.get());
                return;
            } catch (CallMedia.Refused e) {
                // The route's profile wants no unrelayed media: the route is not tried (logged once a minute by the relay).
                call.skipped(route.get(), e.getMessage());
                call.lastFailure = Response.SERVICE_UNAVAILABLE;
            } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
                LOG.warn("call {}: route {} ({}) not tried: {}", call.aCallId, call.attempt + 1, route.get().uri(),
                        e.toString());
                call.lastFailure = Response.SERVICE_UNAVAILABLE;
            }
        }
        calls.end(call, call.lastFailure);
    }

    private void sendInvite(Call call, Route route)
            throws ParseException, SipException, InvalidArgumentException, CallMedia.Refused {
        URI target = dialect.requestUri(route);
        var local = sip.local(CarrierDialect.transportOf(target));
        Request invite = dialect.invite(call.aRequest, route, target, local, sip.newCallId(), Messages.tag(),
                messages.contact(local));
        if (route.kind() == Route.Kind.PBX && call.verification != null) {
            messages.tagVerstat(invite, call.verification.verstat().value());
        }
        // Each route gets its own offer from the relay, in its own media profile (SRTP or RTP, ICE).
        media.offer(call, route, invite);
        signer.sign(call, route, invite, calls.clock().instant().getEpochSecond());
        ClientTransaction ct = sip.clientTransaction(invite);
        call.bInvite = ct;
        call.bRequest = invite;
        call.bCallId = Messages.callIdOf(invite);
        call.bToTag = null;
        call.bCseq = 1;
        call.bRseq = -1;
        call.reliableAnswer = null;
        call.provisional = false;
        call.attemptStartNanos = System.nanoTime();
        call.firstProvisionalMs = null;
        calls.put(call.bCallId, call);
        ct.sendRequest();
        call.attemptTimer = timers.schedule(() -> attemptTimedOut(call, ct), FailoverSequencer.attemptTimeoutMs(call),
                TimeUnit.MILLISECONDS);
        LOG.debug("call {}: attempt {} to {}", call.aCallId, call.attempt + 1, route.uri());
    }

    private void attemptTimedOut(Call call, ClientTransaction attempt) {
        synchronized (call) {
            if (call.bInvite != attempt || call.provisional || call.state == Call.State.ENDED) {
                return;
            }
            LOG.info("call {}: no answer from route {} within {} ms; next route", call.aCallId, call.attempt + 1,
                    call.decision().attemptTimeoutMs());
            calls.removeLeg(call.bCallId);
            call.attemptEnded(null);
            try {
                // Stop retransmitting to a carrier that never answered (no provisional: nothing to CANCEL).
                attempt.terminate();
            } catch (javax.sip.ObjectInUseException e) {
                LOG.debug("attempt transaction already ending", e);
            }
            call.lastFailure = Response.REQUEST_TIMEOUT;
            next(call);
        }
    }

    void onTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction ct = event.getClientTransaction();
        Call call = calls.get(Messages.callIdOf(ct.getRequest()));
        if (call == null || !Request.INVITE.equals(ct.getRequest().getMethod())) {
            return;
        }
        synchronized (call) {
            if (call.bInvite != ct || call.state == Call.State.ENDED || call.state == Call.State.CONFIRMED) {
                return;
            }
            calls.removeLeg(call.bCallId);
            call.attemptEnded(Response.REQUEST_TIMEOUT);
            call.lastFailure = Response.REQUEST_TIMEOUT;
            next(call);
        }
    }
}
