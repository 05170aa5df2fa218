package io.trunkline.ejb.calls.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.contract.telecom.CallId;
import io.trunkline.contract.telecom.CarrierId;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.calls.api.CallCursor;
import io.trunkline.ejb.calls.api.CallOutcome;
import io.trunkline.ejb.calls.api.CallRecords;
import io.trunkline.ejb.calls.api.SearchNumber;
import io.trunkline.ejb.routing.api.RouteDecisions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallRecordServiceTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private final InMemoryCallStore store = new InMemoryCallStore();
    private final List<RouteRequest> rederived = new ArrayList<>();
    private final Map<String, RouteDecision> logged = new java.util.HashMap<>();
    private final CallRecordService service = new CallRecordService(store, new Decisions());

    /** The routing API: its log of recent decisions and the re-derivation, recorded. */
    private final class Decisions implements RouteDecisions {
        @Override
        public RouteDecision decide(RouteRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<RouteDecision> find(CallId callId) {
            return Optional.ofNullable(logged.get(callId.value()));
        }

        @Override
        public RouteDecision simulate(String rulebook, int version, RouteRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Rederived rederive(RouteRequest request) {
            rederived.add(request);
            return new Rederived(decision(request.callId(), request.at(), "routing@3"), List.of("neutral states"));
        }
    }

    @Test
    void pagesFollowOneAnotherWithoutGapOrRepeatNewestFirst() {
        // 25 calls, three of them starting at the same instant: the Call-ID orders those.
        for (int i = 0; i < 25; i++) {
            put(call("c" + (char) ('a' + i) + "@pbx", AT.plusSeconds(i < 3 ? 0 : i), "hq-cucm", "2001", 200, 2));
        }
        CallRecords.Query q = new CallRecords.Query(AT.minusSeconds(60), AT.plusSeconds(60), null, null, null, null, 10);
        List<String> seen = new ArrayList<>();
        CallRecords.Page page = service.search(q);
        int pages = 1;
        assertThat(page.total()).isEqualTo(25);
        assertThat(page.totalCapped()).isFalse();
        while (true) {
            page.calls().forEach(c -> seen.add(c.callId()));
            if (page.next() == null) {
                break;
            }
            page = service.search(q.after(page.next()));
            pages++;
            assertThat(page.total()).as("the total is the whole search's").isEqualTo(25);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("cy@pbx");
        assertThat(seen.subList(22, 25)).containsExactly("cc@pbx", "cb@pbx", "ca@pbx");
    }

    @Test
    void aPageThatEndsTheSearchHasNoNext() {
        put(call("only@pbx", AT, "hq-cucm", "2001", 200, 1));
        CallRecords.Page page = service.search(new CallRecords.Query(AT.minusSeconds(1), AT.plusSeconds(1), null, null,
                null, null, 1));
        assertThat(page.calls()).hasSize(1);
        assertThat(page.next()).isNull();
    }

    @Test
    void theTotalIsCountedUpToItsCap() {
        for (int i = 0; i < CallRecords.TOTAL_CAP + 5; i++) {
            put(call("n" + i + "@pbx", AT.plusMillis(i), "hq-cucm", "2001", 200, 1));
        }
        CallRecords.Page page = service.search(new CallRecords.Query(AT, AT.plusSeconds(60), null, null, null, null, 3));
        assertThat(page.total()).isEqualTo(CallRecords.TOTAL_CAP);
        assertThat(page.totalCapped()).isTrue();
        assertThat(page.calls()).hasSize(3);
        store.calls.keySet().removeIf(id -> !id.startsWith("n1"));
        page = service.search(new CallRecords.Query(AT, AT.plusSeconds(60), null, null, null, null, 3));
        assertThat(page.totalCapped()).isFalse();
        assertThat(page.total()).isEqualTo(store.calls.size());
    }

    @Test
    void numbersCarriersPbxsAndOutcomesFilter() {
        put(call("london@pbx", AT, "hq-cucm", "2001", 200, 2));
        put(call("busy@pbx", AT.plusSeconds(1), "branch-asterisk", "3001", 486, 1));
        put(call("refused@pbx", AT.plusSeconds(2), "hq-cucm", "2002", 403, 0));
        CallRecords.Query all = new CallRecords.Query(AT.minusSeconds(1), AT.plusSeconds(5), null, null, null, null, 10);

        assertThat(ids(with(all, SearchNumber.parse("+442071234567"), null, null, null))).hasSize(3);
        assertThat(ids(with(all, SearchNumber.parse("011442071234567"), null, null, null))).hasSize(3);
        assertThat(ids(with(all, SearchNumber.parse("3001"), null, null, null))).containsExactly("busy@pbx");
        assertThat(ids(with(all, SearchNumber.parse("+12125552002"), null, null, null))).containsExactly("refused@pbx");
        assertThat(ids(with(all, null, CallOutcome.of(CallOutcome.Kind.REFUSED), null, null)))
                .containsExactly("refused@pbx");
        assertThat(ids(with(all, null, CallOutcome.of(CallOutcome.Kind.BUSY), null, null))).containsExactly("busy@pbx");
        assertThat(ids(with(all, null, CallOutcome.code(200), null, null))).containsExactly("london@pbx");
        assertThat(ids(with(all, null, null, new PbxId("hq-cucm"), null))).containsExactly("refused@pbx", "london@pbx");
        assertThat(ids(with(all, null, null, null, new CarrierId("carrier-a")))).as("tried, not carried")
                .containsExactly("london@pbx");
        assertThat(service.search(with(all, null, CallOutcome.of(CallOutcome.Kind.FAILED), null, null)).calls()).isEmpty();
    }

    @Test
    void everyListedCallSaysItsOutcomeAndCursor() {
        put(call("busy@pbx", AT, "hq-cucm", "2001", 486, 1));
        CallRecords.CallSummary c = service.search(new CallRecords.Query(AT, AT.plusSeconds(1), null, null, null, null, 5))
                .calls().get(0);
        assertThat(c.outcome()).isEqualTo("busy");
        assertThat(c.callingNormalized()).isEqualTo("+12125552001");
        assertThat(c.cursor()).isEqualTo(new CallCursor(AT, "busy@pbx"));
    }

    @Test
    void aLadderUsesTheLoggedDecisionElseDecidesAgain() {
        put(call("logged@pbx", AT, "hq-cucm", "2001", 200, 2));
        put(call("old@pbx", AT.plusSeconds(1), "hq-cucm", "2001", 200, 2));
        logged.put("logged@pbx", decision("logged@pbx", AT, "routing@2"));

        CallRecords.Ladder fromLog = service.ladder(new CallId("logged@pbx")).orElseThrow();
        assertThat(fromLog.decision().traceSource()).isEqualTo("logged");
        assertThat(fromLog.decision().versions()).containsEntry("routing", "routing@2");
        assertThat(rederived).isEmpty();

        CallRecords.Ladder again = service.ladder(new CallId("old@pbx")).orElseThrow();
        assertThat(again.decision().traceSource()).isEqualTo("re-derived");
        assertThat(again.decision().versions()).containsEntry("routing", "routing@3");
        assertThat(again.decision().notes()).contains("neutral states");
        assertThat(rederived).singleElement().extracting(RouteRequest::at).isEqualTo(AT.plusSeconds(1));
        assertThat(again.attempts()).hasSize(2);

        assertThat(service.ladder(new CallId("nobody@pbx"))).isEmpty();
    }

    private List<String> ids(CallRecords.Query q) {
        return service.search(q).calls().stream().map(CallRecords.CallSummary::callId).toList();
    }

    private static CallRecords.Query with(CallRecords.Query q, SearchNumber number, CallOutcome outcome, PbxId pbx,
                                          CarrierId carrier) {
        return new CallRecords.Query(q.from(), q.to(), pbx, carrier, number, outcome, q.limit());
    }

    private void put(CallRecord r) {
        store.calls.put(r.callId(), r);
    }

    private static final Set<Integer> ANSWERED = new HashSet<>(List.of(200));

    /** A call to London from {@code extension}, ended with {@code code} after {@code attempts} attempts. */
    private static CallRecord call(String id, Instant at, String pbx, String extension, int code, int attempts) {
        List<CallRecord.Attempt> tried = new ArrayList<>();
        if (attempts > 1) {
            tried.add(new CallRecord.Attempt("carrier-a", "sip:+442071234567@10.0.0.1", 503, null, 12L));
        }
        if (attempts > 0) {
            tried.add(new CallRecord.Attempt("carrier-b", "sip:+442071234567@10.0.0.2", code, 180L, 900L));
        }
        boolean answered = ANSWERED.contains(code);
        return new CallRecord(id, "edge-1", pbx, extension, "9011442071234567", "+1212555" + extension,
                "+442071234567", "INTERNATIONAL", "PLATFORM", tried, at, answered ? at.plusSeconds(1) : null,
                at.plusSeconds(30), code, "PBX", "OUTBOUND", pbx);
    }

    private static RouteDecision decision(String callId, Instant at, String routing) {
        return new RouteDecision(callId, RouteDecision.Verdict.ROUTE, null, "policy", "INTERNATIONAL", "+442071234567",
                "+12125552001", List.of(), List.of(503), 2000, Map.of("routing", routing), List.of("row 7"), at);
    }
}
