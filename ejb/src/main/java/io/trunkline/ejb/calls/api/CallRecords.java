package io.trunkline.ejb.calls.api;

import io.trunkline.contract.routing.IdentityCheck;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ejb.Local;

/** The stored call records, as the edge reported them: searched, read whole, and read as a ladder. */
@Local
public interface CallRecords {

    /** Most results a search returns at once. */
    int MAX_LIMIT = 1_000;
    /** Results a search returns when not told. */
    int DEFAULT_LIMIT = 100;
    /**
     * A search counts its matches up to this many; beyond it the total says {@code totalCapped}. Counting is most of a
     * search's cost when its filters need the rows (a carrier with a PBX and an outcome, a busy number with a carrier):
     * on 10,000,000 stored calls a cap of 10,000 took such searches to 0.3-1.7 s, one of 1,000 keeps them under 100 ms
     * (docs/benchmarks.md), and a person reads "more than 1,000" the same way.
     */
    int TOTAL_CAP = 1_000;

    /**
     * A search: calls started in {@code [from, to)}, newest first. Null filters match any call.
     *
     * @param pbx     the call's PBX (the calling one outbound, the one it went to inbound)
     * @param carrier the carrier that carried the call, any carrier tried for it, or the one an inbound call came from
     * @param number  the calling or called number, as dialed or normalized ({@link SearchNumber}: exact, in any of
     *                its forms)
     * @param outcome how the call ended ({@link CallOutcome})
     * @param limit   1-{@value #MAX_LIMIT} calls a page
     * @param before  the page's cursor: only calls after it in the order (null: the first page)
     */
    record Query(Instant from, Instant to, PbxId pbx, CarrierId carrier, SearchNumber number, CallOutcome outcome,
                 int limit, CallCursor before) implements Serializable {

        public Query {
            if (from == null || to == null) {
                throw new InvalidCallQuery(from == null ? "from" : "to", "is required");
            }
            if (!from.isBefore(to)) {
                throw new InvalidCallQuery("from", "must be before 'to' (" + from + " is not before " + to + ")");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidCallQuery("limit", "must be 1.." + MAX_LIMIT + ", got " + limit);
            }
        }

        /** The first page. */
        public Query(Instant from, Instant to, PbxId pbx, CarrierId carrier, SearchNumber number, CallOutcome outcome,
                     int limit) {
            this(from, to, pbx, carrier, number, outcome, limit, null);
        }

        /** The same search, the page after {@code cursor}. */
        public Query after(CallCursor cursor) {
            return new Query(from, to, pbx, carrier, number, outcome, limit, cursor);
        }
    }

    /** A call in a list: who, where to, who decided, who carried it, how it ended. */
    record CallSummary(String callId, Instant startedAt, String node, String direction, String origin, String pbx,
                       String callingDialed, String callingNormalized, String calledDialed, String calledNormalized,
                       String callClass, String decisionSource, String carrier, int attempts, Instant answeredAt,
                       Instant endedAt, long durationMs, int releaseCode, String releasedBy, String outcome)
            implements Serializable {

        /** The cursor of the page that ends with this call. */
        public CallCursor cursor() {
            return new CallCursor(startedAt, callId);
        }
    }

    /**
     * One page of a search, newest first.
     *
     * @param total       the calls that match the whole search (not only after the cursor), counted up to
     *                    {@value #TOTAL_CAP}
     * @param totalCapped more than {@value #TOTAL_CAP} match; {@code total} is then {@value #TOTAL_CAP}
     * @param next        the cursor of the next page, null when this is the last
     */
    record Page(long total, boolean totalCapped, List<CallSummary> calls, CallCursor next) implements Serializable {
    }

    /** The calls that match, one page. */
    Page search(Query query);

    /** The whole record (the edge's JSON), by call id. */
    Optional<String> record(CallId callId);

    /** One call as an ops engineer reads it, top to bottom; empty for an unknown call. */
    Optional<Ladder> ladder(CallId callId);

    /**
     * A call as a ladder: the call, the decision that routed it, each attempt in order, the answer and the end.
     *
     * @param answer null when no attempt was answered
     */
    record Ladder(LadderCall call, LadderDecision decision, List<LadderAttempt> attempts, LadderAnswer answer,
                  LadderEnd end, List<LadderMedia> media) implements Serializable {
    }

    /**
     * What one side sent through the edge's media relay (PBX or CARRIER), with the other side's RTCP figures of it
     * (null without reports); a call whose media was not relayed has none.
     */
    record LadderMedia(String side, long packets, long bytes, Long lost, Double lossPct, Double jitterMs, Double rttMs,
                       Double mos) implements Serializable {
    }

    /**
     * The call: both numbers as dialed and as the decision normalized them, PBX, class, direction.
     *
     * @param origin         the PBX (outbound) or carrier (inbound) the call came from
     * @param decisionSource PLATFORM, or FALLBACK when the edge decided from its fallback table
     * @param identity       an inbound call's STIR/SHAKEN verification, null otherwise
     * @param testCall       the test call request that placed it, null for a real call
     */
    record LadderCall(String callId, Instant startedAt, String node, String direction, String origin, String pbx,
                      String callClass, String callingDialed, String callingNormalized, String calledDialed,
                      String calledNormalized, String decisionSource, IdentityCheck identity, String testCall)
            implements Serializable {
    }

    /** Where a ladder's decision trace comes from. */
    String LOGGED = "logged";
    /** Decided again from the stored call ({@link LadderDecision}). */
    String RE_DERIVED = "re-derived";
    /** Neither logged nor decidable again (the notes say why). */
    String UNAVAILABLE = "unavailable";

    /**
     * The decision and its trace (the rows and rules that decided, in order).
     *
     * @param traceSource {@link #LOGGED} (the decision the platform made, from its log of recent decisions),
     *                    {@link #RE_DERIVED} (the recorded call decided again, on the rulebook versions active at its
     *                    start, every carrier's live state neutral) or {@link #UNAVAILABLE}
     * @param versions    rulebook to the version label used ({@code routing@3})
     * @param decision    the decision, null when unavailable
     * @param notes       what the reader must know about it (how versions were chosen, what could not be re-derived)
     */
    record LadderDecision(String traceSource, Map<String, String> versions, RouteDecision decision, List<String> notes)
            implements Serializable {
    }

    /**
     * One attempt, in the order tried.
     *
     * @param pddMs    INVITE to the first provisional answer above 100, null when none came
     * @param answerMs INVITE to the final answer, null when none came
     * @param signed   the STIR/SHAKEN attestation the edge signed it with, null when unsigned
     * @param result   {@code answered}, {@code failed over} (the next route was tried) or {@code last tried}
     */
    record LadderAttempt(int n, String carrier, String uri, Integer sipCode, Long pddMs, Long answerMs, String signed,
                         String arrives, String result) implements Serializable {
    }

    /** The answer: when, by which carrier (or PBX, inbound), how long after the call started. */
    record LadderAnswer(Instant at, String by, long afterMs) implements Serializable {
    }

    /**
     * The end.
     *
     * @param releasedBy PBX, CARRIER or EDGE
     * @param outcome    the call's {@link CallOutcome.Kind} label
     */
    record LadderEnd(Instant at, long durationMs, int releaseCode, String releasedBy, String outcome)
            implements Serializable {
    }
}
