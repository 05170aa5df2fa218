package io.trunkline.edge.b2bua;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.Route;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.telecom.CallId;
import io.trunkline.edge.cluster.ChannelKey;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.routing.RoutingPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One call through the edge: the PBX leg (A, where the edge is the called party) and the carrier leg
 * (B, where the edge calls), paired. Guarded by its own monitor: SIP events of both legs and the
 * attempt timer touch it from different threads.
 */
final class Call {

    enum State { DECIDING, TRYING, EARLY, CONFIRMED, ENDED }

    final CallId aCallId;
    /** The PBX's (or carrier's) INVITE transaction; null for a test call, whose caller is the node itself. */
    final ServerTransaction aInvite;
    final Request aRequest;
    final String aToTag;
    /** Who sent the call: a PBX (outbound) or a carrier (inbound). */
    final Peer peer;
    long aCseq;

    State state = State.DECIDING;
    RoutingPort.Decided decided;
    int attempt = -1;
    int lastFailure = 503;
    boolean provisional;
    ScheduledFuture<?> attemptTimer;

    final Instant startedAt;
    Instant answeredAt;
    final List<CallRecord.Attempt> attempts = new ArrayList<>();
    /** Why each attempt of {@link #attempts} has no answer (a skipped route's reason; "no answer"), else null. */
    final List<String> attemptNotes = new ArrayList<>();
    /** Which of {@link #attempts} are routes the call did not try. */
    final java.util.BitSet skippedAttempts = new java.util.BitSet();
    /** The synthetic caller's side of a test call, where the answers a PBX would get go; null for a real call. */
    TestCall test;
    long attemptStartNanos;
    Long firstProvisionalMs;
    boolean recorded;
    /** Counted among the calls in setup (admitted, not yet answered or ended). */
    boolean settingUp;
    /** The attestation of the Identity the current attempt was signed with (null: unsigned). */
    String signedAttest;
    /** The last Identity signed for this call and what it was signed for (signing, presented number, iat). */
    Object identityKey;
    String identity;
    /** What the node made of an inbound call's Identity (null: not verified, outbound or verification off). */
    io.trunkline.edge.stir.Verification verification;

    /** An offer (re-INVITE or UPDATE) being passed through: the sender's server transaction and the edge's towards the other side. */
    record Offer(ServerTransaction from, ClientTransaction to) {
    }

    Offer reInvite;
    /** An UPDATE (RFC 3311) passed to the other side and not answered yet. */
    Offer update;

    /** The carrier channel this call holds in the cluster's counters, if any. */
    ChannelKey heldCarrier;
    /** The PBX channel the call holds, released when it ends. */
    ChannelKey heldPbx;

    /** Whether the current attempt's media goes through the relay (its offer was taken). */
    boolean mediaRelayed;
    /** Whether the call has media on the relay to end (an offer of any attempt was taken). */
    boolean mediaPlaced;

    /**
     * A 2xx the edge sent for one side's INVITE (the call's first or a re-INVITE), sent again until that side's ACK
     * for the INVITE's CSeq comes (RFC 3261 §13.3.1.4). The slot is cleared by the ACK, so the answer is held only
     * while it may be needed again.
     */
    static final class Unacknowledged {
        final Response answer;
        final long cseq;
        ScheduledFuture<?> resend;

        Unacknowledged(Response answer, long cseq) {
            this.answer = answer;
            this.cseq = cseq;
        }
    }

    /** The 2xx to the PBX not acknowledged yet, or null. */
    Unacknowledged toPbx;
    /** The 2xx to the carrier (for its re-INVITE) not acknowledged yet, or null. */
    Unacknowledged toCarrier;

    /** The 2xx to the PBX ({@code pbx}) or to the carrier not acknowledged yet, or null. */
    Unacknowledged unacknowledged(boolean pbx) {
        return pbx ? toPbx : toCarrier;
    }

    /** Sets (or, with null, clears) the 2xx to one side not acknowledged yet. */
    void unacknowledged(boolean pbx, Unacknowledged answer) {
        if (pbx) {
            toPbx = answer;
        } else {
            toCarrier = answer;
        }
    }

    /**
     * The edge's ACK for a 2xx that carried an offer because the INVITE the edge passed on had none (a delayed
     * offer, RFC 3261 §13.2.1, as Cisco Unified CM sends on trunks without an MTP): the answer is in the ACK of the
     * side that sent the INVITE, so the edge's ACK to the offering side waits for it, goes with that answer, and is
     * kept to be sent again should the same 2xx come again.
     */
    static final class HeldAck {
        /** The offering side's 2xx the ACK is for. */
        final Response offer;
        /** Where the ACK goes when the 2xx has no Contact. */
        final URI fallbackTarget;
        /** Whether the ACK goes to the PBX (the calling side) rather than the carrier. */
        final boolean toPbx;
        /** The CSeq of the 2xx the edge sent the other side, whose ACK brings the answer. */
        final long answerCseq;
        /** The ACK once sent, null before. */
        Request sent;

        HeldAck(Response offer, URI fallbackTarget, boolean toPbx, long answerCseq) {
            this.offer = offer;
            this.fallbackTarget = fallbackTarget;
            this.toPbx = toPbx;
            this.answerCseq = answerCseq;
        }

        /** Whether {@code response} is the 2xx this ACK is for (the same side and CSeq), come again. */
        boolean isFor(Response response, boolean fromPbx) {
            return fromPbx == toPbx && ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber()
                    == ((CSeqHeader) offer.getHeader(CSeqHeader.NAME)).getSeqNumber();
        }
    }

    /** The ACK of the call's latest delayed offer, or null when its offers came in the INVITEs. */
    HeldAck heldAck;

    ClientTransaction bInvite;
    Request bRequest;
    String bCallId;
    String bToTag;
    URI bRemoteTarget;
    long bCseq = 1;
    /** The RSeq of the last reliable provisional answer of the current attempt the edge acknowledged with a PRACK. */
    long bRseq = -1;
    /** The current attempt's last reliable provisional answer with SDP (its answer to the PBX's offer), or null. */
    Response reliableAnswer;

    Call(CallId aCallId, ServerTransaction aInvite, Request aRequest, String aToTag, Peer peer, Instant startedAt) {
        this.aCallId = aCallId;
        this.aInvite = aInvite;
        this.aRequest = aRequest;
        this.aToTag = aToTag;
        this.peer = peer;
        this.startedAt = startedAt;
    }

    RouteDecision decision() {
        return decided.decision();
    }

    /** Whether a message of this Call-ID belongs to the PBX leg. */
    boolean isPbxLeg(String callId) {
        return aCallId.value().equals(callId);
    }

    /** Closes the current attempt with its final answer (null: none came). */
    void attemptEnded(Integer sipCode) {
        if (attempt < 0 || decided == null || attempt >= decided.decision().routes().size()
                || attempts.size() > attempt) {
            return;
        }
        Route route = decided.decision().routes().get(attempt);
        Long answerMs = sipCode == null ? null : (System.nanoTime() - attemptStartNanos) / 1_000_000;
        attempts.add(new CallRecord.Attempt(route.target(), route.uri(), sipCode, firstProvisionalMs, answerMs,
                signedAttest, route.arrives() == null ? null : route.arrives().name()));
        attemptNotes.add(sipCode == null ? "no answer" : null);
    }

    /** Records a route the call did not try (trunk down, channels full, down for a test call), and why. */
    void skipped(Route route, String reason) {
        skippedAttempts.set(attempts.size());
        attempts.add(new CallRecord.Attempt(route.target(), route.uri(), null, null, null));
        attemptNotes.add(reason);
    }
}
