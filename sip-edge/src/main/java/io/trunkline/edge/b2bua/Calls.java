package io.trunkline.edge.b2bua;

import io.trunkline.edge.transport.SipEndpoint;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls in progress on this node, found by the Call-ID of either leg, and how one ends: its channels given
 * back, its legs forgotten and its record journaled once.
 */
final class Calls {

    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

    private final Map<String, Call> byCallId = new ConcurrentHashMap<>();
    private final SipEndpoint sip;
    private final Admission admission;
    private final CallRecordAssembler assembler;
    private final B2bua.CallRecords records;
    private final Clock clock;
    private final AtomicInteger inSetup = new AtomicInteger();
    private final CallMedia media;

    Calls(SipEndpoint sip, Admission admission, CallRecordAssembler assembler, B2bua.CallRecords records, Clock clock,
          CallMedia media) {
        this.media = media;
        this.sip = sip;
        this.admission = admission;
        this.assembler = assembler;
        this.records = records;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** The call a message of this Call-ID belongs to (either leg), or null. */
    Call get(String callId) {
        return byCallId.get(callId);
    }

    void put(String callId, Call call) {
        byCallId.put(callId, call);
    }

    /** Forgets one leg's Call-ID (an attempt that failed); the call goes on. */
    void removeLeg(String callId) {
        byCallId.remove(callId);
    }

    /** Counts the call as being set up until the carrier rings or answers, or the call ends. */
    void setupStarted(Call call) {
        call.settingUp = true;
        inSetup.incrementAndGet();
    }

    /** The call was answered or ended: its setup is over (once). Holds the call's lock or owns the call. */
    void setupOver(Call call) {
        if (call.settingUp) {
            call.settingUp = false;
            inSetup.decrementAndGet();
        }
    }

    int inSetup() {
        return inSetup.get();
    }

    int active() {
        return (int) byCallId.values().stream().distinct().filter(c -> c.state != Call.State.ENDED).count();
    }

    /** Answers the PBX with a final failure the edge decided on (refusal, no route left). Holds the call's lock. */
    void end(Call call, int status) {
        endBy(call, status, "EDGE");
    }

    /** Answers the PBX with a final failure and forgets the call. Holds the call's lock. */
    void endBy(Call call, int status, String side) {
        call.state = Call.State.ENDED;
        if (call.attemptTimer != null) {
            call.attemptTimer.cancel(false);
        }
        if (call.test == null) {
            answer(call, status);
        }
        forget(call);
        finish(call, status, side);
        LOG.info("call {} ended with {}", call.aCallId, status);
        if (call.test != null) {
            // A test call's caller is the node itself: no transaction to answer, an outcome to give.
            call.test.ended(call, status);
        }
    }

    private void answer(Call call, int status) {
        try {
            Response r = sip.factories().messages().createResponse(status, call.aRequest);
            String phrase = io.trunkline.contract.routing.IdentityCheck.reasonPhrase(status);
            if (phrase != null) {
                r.setReasonPhrase(phrase);
            }
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(call.aToTag);
            call.aInvite.sendResponse(r);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("call {}: could not answer {} to the PBX: {}", call.aCallId, status, e.toString());
        }
    }

    /** Builds the call's record once, when it ends, and hands it to the journal. Holds the call's lock. */
    void finish(Call call, int code, String side) {
        if (call.recorded) {
            return;
        }
        call.recorded = true;
        try {
            // The relay's figures are final once its session is deleted, which ends the call's media.
            records.record(assembler.assemble(call, code, side, clock.instant()).withMedia(media.end(call)));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.error("call {}: record not journaled: {}", call.aCallId, e.toString());
        }
    }

    /** Gives back the call's channels and forgets both legs. Holds the call's lock. */
    void forget(Call call) {
        setupOver(call);
        admission.releaseAll(call);
        byCallId.remove(call.aCallId.value());
        if (call.bCallId != null) {
            byCallId.remove(call.bCallId);
        }
    }
}
