package io.trunkline.ejb.calls.domain;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.calls.api.CallOutcome;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.ejb.calls.api.CallRecords.Ladder;
import io.trunkline.ejb.calls.api.CallRecords.LadderAnswer;
import io.trunkline.ejb.calls.api.CallRecords.LadderAttempt;
import io.trunkline.ejb.calls.api.CallRecords.LadderCall;
import io.trunkline.ejb.calls.api.CallRecords.LadderDecision;
import io.trunkline.ejb.calls.api.CallRecords.LadderEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stored call as a ladder, top to bottom: the call, its decision with the trace, each attempt in order, the answer,
 * the end. The decision is the one the platform logged for the call when it still has it, else the call decided again
 * ({@link Rederive}); which one it is, and why, is part of the ladder.
 */
public final class LadderAssembly {

    /**
     * A logged decision is the call's only if made this close to the call's start: the edge asks before it tries any
     * route, and a Call-ID reused days later must not borrow another call's decision.
     */
    static final Duration DECIDED_WITHIN = Duration.ofMinutes(5);

    /** Decides a recorded call again; throws what the routing API throws, caught and told in the ladder. */
    @FunctionalInterface
    public interface Rederive {
        CallRecords.LadderDecision decide(RouteRequest request) throws Exception;
    }

    private LadderAssembly() {
    }

    public static Ladder assemble(CallRecord r, Optional<RouteDecision> logged, Rederive rederive) {
        return new Ladder(call(r), decision(r, logged, rederive), attempts(r), answer(r), end(r),
                r.media().stream().map(m -> new CallRecords.LadderMedia(m.side(), m.packets(), m.bytes(), m.lost(),
                        m.lossPct(), m.jitterMs(), m.rttMs(), m.mos())).toList());
    }

    static LadderCall call(CallRecord r) {
        return new LadderCall(r.callId(), r.startedAt(), r.node(), r.direction(), r.origin(), r.pbx(), r.callClass(),
                r.callingDialed(), r.callingNormalized(), r.calledDialed(), r.calledNormalized(), r.decisionSource(),
                r.identity(), r.testCall());
    }

    /** The logged decision when it is this call's, else the call decided again, else why neither. */
    static LadderDecision decision(CallRecord r, Optional<RouteDecision> logged, Rederive rederive) {
        Optional<RouteDecision> own = logged.filter(d -> decidedFor(d, r));
        if (own.isPresent()) {
            List<String> notes = new ArrayList<>();
            if (!"PLATFORM".equals(r.decisionSource()) && r.decisionSource() != null) {
                notes.add("the edge routed the call by " + r.decisionSource() + ", not by this decision");
            }
            return new LadderDecision(CallRecords.LOGGED, own.get().rulebookVersions(), own.get(), notes);
        }
        Optional<RouteRequest> request = request(r);
        if (request.isEmpty()) {
            return unavailable("the record names no " + (r.calledDialed() == null ? "called number" : "source")
                    + " to decide it with");
        }
        try {
            LadderDecision again = rederive.decide(request.get());
            List<String> notes = new ArrayList<>();
            notes.add("not in the platform's log of recent decisions: decided again from the record");
            notes.addAll(again.notes());
            if (!"PLATFORM".equals(r.decisionSource()) && r.decisionSource() != null) {
                notes.add("the edge routed the call by " + r.decisionSource() + ": this is what the platform would have "
                        + "decided");
            }
            return new LadderDecision(again.traceSource(), again.versions(), again.decision(), notes);
        } catch (Exception e) {
            return unavailable("not in the platform's log of recent decisions, and it cannot be decided again: "
                    + e.getMessage());
        }
    }

    private static LadderDecision unavailable(String why) {
        return new LadderDecision(CallRecords.UNAVAILABLE, Map.of(), null, List.of(why));
    }

    static boolean decidedFor(RouteDecision d, CallRecord r) {
        if (!d.callId().equals(r.callId())) {
            return false;
        }
        if (d.decidedAt() == null || r.startedAt() == null) {
            return true;
        }
        return Duration.between(d.decidedAt(), r.startedAt()).abs().compareTo(DECIDED_WITHIN) <= 0;
    }

    /**
     * The route request the edge made for the call, as far as its record tells: source, numbers as dialed, direction,
     * start, the inbound verification. Whether it was forwarded is not recorded: taken as not.
     */
    public static Optional<RouteRequest> request(CallRecord r) {
        RouteRequest.Direction direction = "INBOUND".equals(r.direction()) ? RouteRequest.Direction.INBOUND
                : RouteRequest.Direction.OUTBOUND;
        String source = r.origin() != null ? r.origin()
                : direction == RouteRequest.Direction.OUTBOUND ? r.pbx() : null;
        if (source == null || r.calledDialed() == null || r.startedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(new RouteRequest(r.callId(), direction, source, r.callingDialed(), r.calledDialed(),
                r.startedAt(), false, r.identity()));
    }

    static List<LadderAttempt> attempts(CallRecord r) {
        List<LadderAttempt> out = new ArrayList<>();
        List<CallRecord.Attempt> tried = r.attempts();
        for (int i = 0; i < tried.size(); i++) {
            CallRecord.Attempt a = tried.get(i);
            String result = answered(a) ? "answered" : i < tried.size() - 1 ? "failed over" : "last tried";
            out.add(new LadderAttempt(i + 1, a.target(), a.uri(), a.sipCode(), a.firstProvisionalMs(), a.answerMs(),
                    a.signed(), a.arrives(), result));
        }
        return out;
    }

    static LadderAnswer answer(CallRecord r) {
        if (r.answeredAt() == null) {
            return null;
        }
        String by = r.attempts().stream().filter(LadderAssembly::answered).map(CallRecord.Attempt::target).findFirst()
                .orElse(r.carrier());
        return new LadderAnswer(r.answeredAt(), by,
                r.startedAt() == null ? 0 : Duration.between(r.startedAt(), r.answeredAt()).toMillis());
    }

    static LadderEnd end(CallRecord r) {
        return new LadderEnd(r.endedAt(), r.durationMs(), r.releaseCode(), r.releasedBy(),
                CallOutcome.kindOf(r.answeredAt(), r.attempts().size(), r.releaseCode()).label());
    }

    private static boolean answered(CallRecord.Attempt a) {
        return a.sipCode() != null && a.sipCode() >= 200 && a.sipCode() < 300;
    }
}
