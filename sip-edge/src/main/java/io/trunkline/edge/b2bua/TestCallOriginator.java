package io.trunkline.edge.b2bua;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.testcall.TestCallRequest;
import io.trunkline.contract.testcall.TestCallResult;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.transport.LocalPoint;
import io.trunkline.edge.transport.SipEndpoint;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places synthetic test calls through the B2BUA as if a configured carrier (inbound) or PBX (outbound) had sent them:
 * the node builds the caller's INVITE itself (its own Call-ID, From the calling number, Request-URI and To the called
 * one, a minimal SDP offer) and the call then takes the real calls' path: the same decision request, failover codes,
 * attempt timeouts, trunk health, channel limits and signing. There is no server transaction on the caller's side:
 * where the B2BUA would answer the caller, the test call's outcome is completed instead. An answered call is
 * acknowledged, held for the request's {@code holdMs} and hung up by the node; the call's record is journaled like
 * any other, with the request's id.
 */
public final class TestCallOriginator {

    private static final Logger LOG = LoggerFactory.getLogger(TestCallOriginator.class);

    private final B2bua b2bua;
    private final SipEndpoint sip;
    private final Calls calls;
    private final Admission admission;
    private final InDialogRelay inDialog;
    private final Messages messages;
    private final ScheduledExecutorService timers;

    TestCallOriginator(B2bua b2bua, SipEndpoint sip, Calls calls, Admission admission, InDialogRelay inDialog,
                       Messages messages, ScheduledExecutorService timers) {
        this.b2bua = b2bua;
        this.sip = sip;
        this.calls = calls;
        this.admission = admission;
        this.inDialog = inDialog;
        this.messages = messages;
        this.timers = timers;
    }

    /**
     * Places the call and answers its outcome once it has ended (within the request's {@code timeoutMs}, then hung up
     * or cancelled as a TIMEOUT). {@code source} must be a carrier for an INBOUND request, a PBX for an OUTBOUND one.
     */
    public CompletableFuture<TestCallResult> originate(TestCallRequest request, Peer source) {
        if ((source instanceof Peer.Carrier) != (request.direction() == RouteRequest.Direction.INBOUND)) {
            throw new IllegalArgumentException("an INBOUND test call comes from a carrier, an OUTBOUND one from a PBX");
        }
        TestCall test = new TestCall(request, this);
        Request invite;
        try {
            invite = invite(request);
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            test.result.completeExceptionally(e);
            return test.result;
        }
        String callId = Messages.callIdOf(invite);
        Call call = new Call(new CallId(callId), null, invite, Messages.tag(), source, calls.clock().instant());
        call.test = test;
        synchronized (call) {
            calls.put(callId, call);
            calls.setupStarted(call);
            test.limit = timers.schedule(() -> timedOut(call), request.timeoutMs(), TimeUnit.MILLISECONDS);
            if (!admission.holdPbxChannel(call)) {
                calls.end(call, Response.SERVICE_UNAVAILABLE);
                return test.result;
            }
        }
        b2bua.decide(call, System.nanoTime(), () -> new RouteRequest(callId, request.direction(), source.name(),
                request.calling(), request.called(), null, false, null));
        return test.result;
    }

    /** The synthetic caller's INVITE, addressed to the node itself as the source's would be. */
    private Request invite(TestCallRequest request) throws ParseException, InvalidArgumentException {
        LocalPoint lp = sip.local("udp");
        AddressFactory a = sip.factories().addresses();
        HeaderFactory h = sip.factories().headers();
        SipURI called = a.createSipURI(request.called(), lp.address());
        called.setPort(lp.port());
        SipURI calling = a.createSipURI(request.calling(), lp.address());
        Request invite = sip.factories().messages().createRequest(called, Request.INVITE, sip.newCallId(),
                h.createCSeqHeader(1L, Request.INVITE), h.createFromHeader(a.createAddress(calling), Messages.tag()),
                h.createToHeader(a.createAddress((SipURI) called.clone()), null),
                List.of(h.createViaHeader(lp.address(), lp.port(), lp.transport(), Messages.branch())),
                h.createMaxForwardsHeader(70));
        invite.addHeader(messages.contact(lp));
        invite.setContent(offer(lp.address()).getBytes(StandardCharsets.US_ASCII),
                h.createContentTypeHeader("application", "sdp"));
        return invite;
    }

    /**
     * A minimal valid offer (RFC 4566, RFC 3264 §5): G.711 both laws and RFC 4733 events on the discard port: the
     * node sends and expects no media, and a called side that checks the offer finds nothing to refuse.
     */
    static String offer(String address) {
        String ip = address.contains(":") ? "IP6" : "IP4";
        return String.join("\r\n", "v=0", "o=trunkline 0 0 IN " + ip + " " + address, "s=trunkline test call",
                "c=IN " + ip + " " + address, "t=0 0", "m=audio 9 RTP/AVP 0 8 101", "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=sendrecv", "");
    }

    /** The call was answered (and acknowledged): hold it, then hang up. Holds the call's lock. */
    void answered(Call call) {
        TestCall test = call.test;
        if (test.hold == null) {
            test.hold = timers.schedule(() -> {
                synchronized (call) {
                    hangUp(call, "answered by " + answering(call) + ", held " + test.request().holdMs() + " ms");
                }
            }, test.request().holdMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void timedOut(Call call) {
        synchronized (call) {
            TestCall test = call.test;
            if (call.state == Call.State.ENDED) {
                return;
            }
            if (call.state == Call.State.CONFIRMED) {
                hangUp(call, "answered by " + answering(call) + ", hung up at the " + test.request().timeoutMs()
                        + " ms limit before the hold ended");
                return;
            }
            test.timedOut = true;
            ClientTransaction attempt = call.bInvite;
            if (attempt != null) {
                try {
                    if (call.provisional) {
                        // RFC 3261 §9.1: a CANCEL only once a provisional answer has come.
                        sip.clientTransaction(attempt.createCancel()).sendRequest();
                    } else {
                        attempt.terminate();
                    }
                } catch (SipException | RuntimeException e) {
                    LOG.debug("test call {}: attempt not cancelled: {}", call.aCallId, e.toString());
                }
                call.attemptEnded(null);
            }
            calls.endBy(call, Response.REQUEST_TIMEOUT, "EDGE");
        }
    }

    /** The node's BYE after the hold: the record first, as for a BYE the node answers. Holds the call's lock. */
    private void hangUp(Call call, String detail) {
        if (call.state != Call.State.CONFIRMED) {
            return;
        }
        call.state = Call.State.ENDED;
        calls.finish(call, Response.OK, "EDGE");
        try {
            sip.clientTransaction(inDialog.toCarrier(call, Request.BYE)).sendRequest();
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("test call {}: BYE failed: {}", call.aCallId, e.toString());
        }
        calls.forget(call);
        complete(call, TestCallResult.Outcome.ANSWERED, Response.OK, detail);
    }

    /** The B2BUA ended the call before it was answered. Holds the call's lock. */
    void ended(Call call, int status) {
        TestCall test = call.test;
        RouteDecision d = call.decided == null ? null : call.decision();
        if (test.timedOut) {
            complete(call, TestCallResult.Outcome.TIMEOUT, status, "no outcome within " + test.request().timeoutMs()
                    + " ms");
        } else if (d != null && d.verdict() == RouteDecision.Verdict.REJECT) {
            complete(call, TestCallResult.Outcome.REJECTED, status, "refused by the decision: " + d.reason());
        } else {
            complete(call, TestCallResult.Outcome.FAILED, status, d == null ? "not placed (" + status + ")"
                    : "no route answered; ended with " + status);
        }
    }

    /** The called side hung up during the hold. Holds the call's lock. */
    void hungUpByCallee(Call call) {
        complete(call, TestCallResult.Outcome.ANSWERED, Response.OK, "answered by " + answering(call)
                + ", which hung up before the hold ended");
    }

    private static String answering(Call call) {
        CallRecord.Attempt a = answeringAttempt(call);
        return a == null ? "?" : a.target();
    }

    private static CallRecord.Attempt answeringAttempt(Call call) {
        for (CallRecord.Attempt a : call.attempts) {
            if (a.sipCode() != null && a.sipCode() >= 200 && a.sipCode() < 300) {
                return a;
            }
        }
        return null;
    }

    private void complete(Call call, TestCallResult.Outcome outcome, int code, String detail) {
        TestCall test = call.test;
        cancel(test.limit);
        cancel(test.hold);
        List<TestCallResult.Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < call.attempts.size(); i++) {
            CallRecord.Attempt a = call.attempts.get(i);
            attempts.add(new TestCallResult.Attempt(a.target(), a.sipCode(), call.skippedAttempts.get(i),
                    i < call.attemptNotes.size() ? call.attemptNotes.get(i) : null));
        }
        CallRecord.Attempt answered = outcome == TestCallResult.Outcome.ANSWERED ? answeringAttempt(call) : null;
        test.result.complete(new TestCallResult(test.request().id(), call.aCallId.value(), outcome, code,
                answered == null ? null : answered.target(), answered == null ? null : answered.answerMs(), attempts,
                detail));
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
