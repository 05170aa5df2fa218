package io.trunkline.ejb.replay.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trunkline.contract.json.Json;
import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.ejb.metrics.domain.InMemoryMetricStore;
import io.trunkline.ejb.metrics.domain.MetricStore;
import io.trunkline.ejb.metrics.domain.WindowStats;
import io.trunkline.ejb.replay.api.ReplayConflict;
import io.trunkline.ejb.replay.api.ReplayNotFound;
import io.trunkline.ejb.replay.api.ReplayRefused;
import io.trunkline.ejb.replay.api.ReplayRequest;
import io.trunkline.ejb.replay.api.ReplayRun;
import io.trunkline.ejb.replay.api.Replays;
import io.trunkline.ejb.replay.domain.CallReplay;
import io.trunkline.ejb.replay.domain.CarrierFigures;
import io.trunkline.ejb.replay.domain.InMemoryRecordedCalls;
import io.trunkline.ejb.replay.domain.InMemoryReplayStore;
import io.trunkline.ejb.replay.domain.RecordedCall;
import io.trunkline.ejb.replay.domain.RecordedCalls;
import io.trunkline.ejb.replay.domain.ReplayReport;
import io.trunkline.ejb.routing.domain.Capability;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.routing.domain.RoutingFixtures;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays of calls whose outcome is known, on the shipped rulebooks and the worked example's enterprise (carrier C
 * carrying calls to Canada, as the demo's does): moving Canada from B to C changes exactly the Canadian calls and
 * costs exactly what their rates say; barring it names the row; an unchanged table changes nothing, weighted splits
 * included; bad requests are refused naming their field; a running replay is cancelled; one left running by a stop
 * is failed at the next start.
 */
@SuppressWarnings("unchecked")
class ReplayServiceTest {

    static final Instant FROM = Instant.parse("2026-11-09T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-16T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final int SHIPPED = 1;
    static final int CANADA_VIA_C = 2;
    static final int UNCHANGED = 3;
    static final int CANADA_BARRED = 4;
    static final DecisionTableWorkbook BARRED = RoutingPolicyTableSource.canadaVia("", "REJECT");

    private static RulebookRegistry registry;
    private static final Map<Integer, RulebookRegistry.Active> ROUTING = new TreeMap<>();

    private final InMemoryReplayStore store = new InMemoryReplayStore();
    private final InMemoryMetricStore metrics = new InMemoryMetricStore();
    private final ExecutorService pool = Executors.newFixedThreadPool(6);

    @BeforeAll
    static void rulebooks() throws RulebookRejectedException {
        ClassLoader cl = Rulebook.class.getClassLoader();
        registry = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
        ROUTING.put(SHIPPED, registry.active(Rulebook.ROUTING));
        ROUTING.put(CANADA_VIA_C, draft(CANADA_VIA_C, RoutingPolicyTableSource.canadaVia("carrier-c carrier-a", "PRIORITY")));
        ROUTING.put(UNCHANGED, draft(UNCHANGED, RoutingPolicyTableSource.shipped()));
        ROUTING.put(CANADA_BARRED, draft(CANADA_BARRED, BARRED));
    }

    private static RulebookRegistry.Active draft(int version, DecisionTableWorkbook table) throws RulebookRejectedException {
        return registry.compile(Rulebook.ROUTING, version, registry.withFile(Rulebook.ROUTING, "RoutingPolicy.drl.xlsx",
                table.toXlsx()), "ana", "test draft");
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** The demo enterprise: carrier C carries international calls to the US and Canada; B's deck prices Montreal. */
    static RoutingData enterprise() {
        return RoutingFixtures.enterprise()
                .carrier("carrier-c", EnumSet.of(Capability.INTERNATIONAL), Set.of("US", "CA"), 30, 3, 10,
                        List.of("+1312555"), "1/1", "America/Chicago", "07:00-19:00 Mon-Fri")
                .rate("carrier-b", "1514", "0.0033", null)
                .build();
    }

    private ReplayService service(RecordedCalls calls) {
        return new ReplayService(store, calls, metrics, pool, new ReplayService.Rulebooks() {
            @Override
            public List<Integer> stored(String rulebook) {
                return rulebook.equals("routing") ? List.copyOf(ROUTING.keySet()) : List.of(1);
            }

            @Override
            public RouteDecider.Books active() {
                return RouteDecider.Books.current(registry);
            }

            @Override
            public RulebookRegistry.Active compiled(String rulebook, int version) {
                return rulebook.equals("routing") ? ROUTING.get(version) : registry.active(Rulebook.byName(rulebook).orElseThrow());
            }
        }, ReplayServiceTest::enterprise, Clock.fixed(NOW, ZoneOffset.UTC), 2);
    }

    static RecordedCall edge(String id, String pbx, String dialed, String at, int answeredSeconds) {
        return new RecordedCall(id, RecordedCall.EDGE, Instant.parse(at), RouteRequest.Direction.OUTBOUND, pbx, pbx, "2001",
                dialed, null, answeredSeconds > 0, answeredSeconds * 1000L, null);
    }

    /** Four Canadian calls from HQ (peak and off-peak for C, one unanswered), then calls no Canada row touches. */
    static List<RecordedCall> week() {
        List<RecordedCall> calls = new ArrayList<>(canada());
        calls.add(edge("uk-1", "hq-cucm", "9011442071234567", "2026-11-10T15:00:00Z", 100));
        calls.add(edge("premium-1", "hq-cucm", "919005550100", "2026-11-10T16:00:00Z", 0));
        for (int i = 0; i < 40; i++) {
            // The branch's domestic calls are split 70/30 at random between A and B.
            calls.add(edge("dom-" + i, "branch-asterisk", "92125551234", "2026-11-11T1" + (i % 10) + ":00:00Z", 0));
        }
        calls.add(new RecordedCall("1762790000.1", "branch-asterisk", Instant.parse("2026-11-12T15:00:00Z"),
                RouteRequest.Direction.OUTBOUND, "branch-asterisk", "branch-asterisk", "2002", "98005550100", null, true,
                30_000, null));
        // A London user's CDR of a call from Toronto: received, not placed, so left out.
        calls.add(new RecordedCall("teams-in-1", "london-teams", Instant.parse("2026-11-12T10:20:00Z"),
                RouteRequest.Direction.OUTBOUND, "london-teams", "london-teams", "+14165550123", "+12125552002",
                "+14165550123", false, 0, null));
        calls.add(edge("later", "hq-cucm", "914165550123", "2026-11-16T00:00:00Z", 60));
        return calls;
    }

    static List<RecordedCall> canada() {
        return List.of(
                edge("ca-1", "hq-cucm", "914165550123", "2026-11-10T15:00:00Z", 185),
                edge("ca-2", "hq-cucm", "915145550188", "2026-11-11T03:30:00Z", 601),
                edge("ca-3", "hq-cucm", "916045550142", "2026-11-12T16:00:00Z", 0),
                edge("ca-4", "hq-cucm", "914165550123", "2026-11-13T14:00:00Z", 1));
    }

    private ReplayRun done(ReplayService service, int version) throws InterruptedException {
        ReplayRun started = service.start(new ReplayRequest("routing", version, FROM, TO), "ana");
        assertThat(started.state()).isEqualTo(ReplayRun.State.RUNNING);
        return awaitEnd(service, started.id());
    }

    private static ReplayRun awaitEnd(ReplayService service, long id) throws InterruptedException {
        Instant limit = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(limit)) {
            ReplayRun run = service.find(id).orElseThrow();
            if (run.state() != ReplayRun.State.RUNNING) {
                return run;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("replay " + id + " still running");
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void movingCanadaFromBToCChangesTheCanadianCallsAndCostsWhatTheirRatesSay() throws Exception {
        ReplayRun run = done(service(InMemoryRecordedCalls.of(week())), CANADA_VIA_C);

        assertThat(run.state()).as(run.reason()).isEqualTo(ReplayRun.State.DONE);
        assertThat(run.against()).containsExactly("dialplan@1", "classification@1", "routing@1", "attestation@1");
        assertThat(run.read()).isEqualTo(48);
        assertThat(run.total()).isEqualTo(48);
        Map<String, Object> summary = Json.parseObject(run.summaryJson());
        Map<String, Object> calls = (Map<String, Object>) summary.get("calls");
        assertThat(calls.get("read")).isEqualTo(new BigDecimal(48));
        assertThat(calls.get("decided")).isEqualTo(new BigDecimal(47));
        assertThat(calls.get("fromCdrs")).isEqualTo(BigDecimal.ONE);
        assertThat(calls.get("inboundCdrsLeftOut")).isEqualTo(BigDecimal.ONE);
        assertThat((List<Object>) calls.get("undecidable")).isEmpty();
        Map<String, Object> changes = (Map<String, Object>) summary.get("changes");
        assertThat(changes.get("total")).isEqualTo(new BigDecimal(4));
        assertThat(changes.get("orderChanged")).isEqualTo(new BigDecimal(4));
        assertThat(changes.get("newlyRefused")).isEqualTo(BigDecimal.ZERO);

        // B (6/6): Toronto 0.0031 × 186 s, Montreal 0.0033 × 606 s, Toronto 0.0031 × 6 s; toll-free 0.0090 × 30 s.
        // C (1/1, peak 07:00-19:00 Chicago): 0.0120 × 185 s at 09:00, 0.0040 × 601 s at 21:30, 0.0120 × 1 s at 08:00.
        // A (60/60): London 0.0120 × 120 s, both sides.
        Map<String, Object> cost = (Map<String, Object>) summary.get("cost");
        assertThat(cost.get("answeredCalls")).isEqualTo(new BigDecimal(5));
        assertThat(((Map<String, Object>) cost.get("before")).get("USD")).isEqualTo(usd("0.071750"));
        assertThat(((Map<String, Object>) cost.get("after")).get("USD")).isEqualTo(usd("0.105767"));
        assertThat(((Map<String, Object>) cost.get("delta")).get("USD")).isEqualTo(usd("0.034017"));

        Map<String, Map<String, Object>> carriers = byKey(summary, "byCarrier", "carrier");
        Map<String, Object> b = carriers.get("carrier-b");
        Map<String, Object> c = carriers.get("carrier-c");
        assertThat(((BigDecimal) b.get("callsBefore")).subtract((BigDecimal) b.get("callsAfter"))).isEqualTo(new BigDecimal(4));
        assertThat(c.get("callsBefore")).isEqualTo(BigDecimal.ZERO);
        assertThat(c.get("callsAfter")).isEqualTo(new BigDecimal(4));
        assertThat(((Map<String, Object>) b.get("costBefore")).get("USD")).isEqualTo(usd("0.047750"));
        assertThat(((Map<String, Object>) b.get("costAfter")).get("USD")).isEqualTo(usd("0.004500"));
        assertThat(((Map<String, Object>) c.get("costAfter")).get("USD")).isEqualTo(usd("0.077267"));
        assertThat(((Map<String, Object>) carriers.get("carrier-a").get("delta")).get("USD")).isEqualTo(usd("0.000000"));
        Map<String, Object> hq = byKey(summary, "byPbx", "pbx").get("hq-cucm");
        assertThat(hq.get("changed")).isEqualTo(new BigDecimal(4));
        assertThat(byKey(summary, "byPbx", "pbx").get("branch-asterisk").get("changed")).isEqualTo(BigDecimal.ZERO);

        List<?> sample = (List<Object>) Json.parse(run.changesJson());
        assertThat(sample).hasSize(4);
        Map<String, Object> first = (Map<String, Object>) sample.get(0);
        assertThat(first.get("call")).isEqualTo("ca-1");
        assertThat(first.get("number")).isEqualTo("+14165550123");
        assertThat(first.get("classBefore")).isEqualTo("INTERNATIONAL");
        assertThat(first.get("orderBefore")).isEqualTo(List.of("carrier-b", "carrier-a"));
        assertThat(first.get("orderAfter")).isEqualTo(List.of("carrier-c", "carrier-a"));
        assertThat(first.get("costBefore")).isEqualTo(usd("0.009610"));
        assertThat(first.get("costAfter")).isEqualTo(usd("0.037000"));
        assertThat(((Map<String, Object>) sample.get(1)).get("costAfter")).as("off-peak at C").isEqualTo(usd("0.040067"));
        assertThat(sample.stream().map(s -> ((Map<String, Object>) s).get("call")).toList()).containsExactly("ca-1", "ca-2", "ca-3", "ca-4");
    }

    @Test
    void barringCanadaNamesTheRowThatRefusesItsCalls() throws Exception {
        ReplayRun run = done(service(InMemoryRecordedCalls.of(week())), CANADA_BARRED);

        Map<String, Object> summary = Json.parseObject(run.summaryJson());
        assertThat(((Map<String, Object>) summary.get("changes")).get("newlyRefused")).isEqualTo(new BigDecimal(4));
        List<?> refused = (List<Object>) summary.get("newlyRefused");
        assertThat(refused).hasSize(1);
        String row = "RoutingPolicy_" + BARRED.sheetRowOf(RoutingPolicyTableSource.CANADA_ROW);
        assertThat((Map<String, Object>) refused.get(0)).containsEntry("sipCode", new BigDecimal(403)).containsEntry("row", row)
                .containsEntry("reason", "INTERNATIONAL calls are barred (" + row + ")")
                .containsEntry("calls", new BigDecimal(4));
        assertThat(((Map<String, Object>) ((Map<String, Object>) summary.get("cost")).get("delta")).get("USD"))
                .as("the Canadian calls' cost at B is saved").isEqualTo(usd("-0.043250"));
        Map<String, Object> sampled = (Map<String, Object>) ((List<Object>) Json.parse(run.changesJson())).get(0);
        assertThat(sampled).containsEntry("change", "REFUSED").containsEntry("refusedBy", row)
                .containsEntry("sipCodeAfter", new BigDecimal(403)).containsEntry("orderAfter", List.of());
    }

    @Test
    void aTableThatChangesNothingShowsNoChangeWeightedSplitsIncluded() throws Exception {
        ReplayRun run = done(service(InMemoryRecordedCalls.of(week())), UNCHANGED);

        Map<String, Object> summary = Json.parseObject(run.summaryJson());
        assertThat(((Map<String, Object>) summary.get("changes")).get("total")).isEqualTo(BigDecimal.ZERO);
        Map<String, Object> cost = (Map<String, Object>) summary.get("cost");
        assertThat(cost.get("before")).isEqualTo(cost.get("after"));
        assertThat(((Map<String, Object>) cost.get("delta")).get("USD")).isEqualTo(usd("0.000000"));
        Map<String, Map<String, Object>> carriers = byKey(summary, "byCarrier", "carrier");
        assertThat(carriers.get("carrier-a").get("callsBefore")).as("the split gave A some of the branch's calls")
                .isNotEqualTo(BigDecimal.ZERO);
        assertThat(carriers.get("carrier-b").get("callsBefore")).isEqualTo(carriers.get("carrier-b").get("callsAfter"));
        assertThat(Json.parse(run.changesJson())).isEqualTo(List.of());
    }

    @Test
    void theExpectedAsrAndPddComeFromEachCarriersMeasuredFigures() throws Exception {
        Instant hour = Instant.parse("2026-11-10T15:00:00Z");
        metrics.replace(60, hour, List.of(
                row(hour, "edge", "carrier-b", 10, 6, 1200),
                row(hour, "edge", "carrier-c", 10, 4, 2400),
                row(hour, "cdr", "carrier-a", 4, 3, null),
                // The edge's figures win over the carrier's own CDRs.
                row(hour, "cdr", "carrier-b", 10, 10, null)));
        List<RecordedCall> calls = new ArrayList<>(canada());
        calls.add(edge("uk-1", "hq-cucm", "9011442071234567", "2026-11-10T15:00:00Z", 100));
        ReplayRun run = done(service(InMemoryRecordedCalls.of(calls)), CANADA_VIA_C);

        Map<String, Object> expected = (Map<String, Object>) Json.parseObject(run.summaryJson()).get("expected");
        // Before: 4 calls at B (60 %), 1 at A (75 %); after: 4 at C (40 %), 1 at A. PDD medians: B 1,250 ms, C 2,250 ms
        // (the middle of their buckets), none measured for A.
        assertThat((Map<String, Object>) expected.get("asrPercent")).containsEntry("before", usd("63.00"))
                .containsEntry("after", usd("47.00")).containsEntry("change", usd("-16.00"));
        assertThat((Map<String, Object>) expected.get("pddMs")).containsEntry("before", usd("1250"))
                .containsEntry("after", usd("2250")).containsEntry("change", usd("1000"));
        Map<String, Object> b = byKey(Json.parseObject(run.summaryJson()), "byCarrier", "carrier").get("carrier-b");
        assertThat((Map<String, Object>) b.get("measured")).containsEntry("origin", "edge").containsEntry("asrPercent", usd("60.00"));
        assertThat(b.get("shareBefore")).isEqualTo(usd("80.00"));
        assertThat(b.get("shareAfter")).isEqualTo(usd("0.00"));
    }

    private static MetricStore.Row row(Instant hour, String origin, String carrier, int attempts, int answered, Integer pddMs) {
        WindowStats s = new WindowStats();
        s.attempts = attempts;
        s.answered = answered;
        if (pddMs != null) {
            int bucket = 0;
            while (bucket < WindowStats.PDD_BOUNDS.length && WindowStats.PDD_BOUNDS[bucket] < pddMs) {
                bucket++;
            }
            s.pdd[bucket] = attempts;
        }
        return new MetricStore.Row(60, hour, origin, "carrier", carrier, s);
    }

    @Test
    void theReportIsTheSameWhateverTheNumberOfWorkers() throws Exception {
        CallReplay.Setup setup = new CallReplay.Setup(enterprise(), RouteDecider.Books.current(registry),
                RouteDecider.Books.current(r -> r == Rulebook.ROUTING ? ROUTING.get(CANADA_VIA_C) : registry.active(r)));
        List<RecordedCall> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            RecordedCall c = week().get(i % 48);
            many.add(new RecordedCall(c.id() + "#" + i, c.recordedBy(), c.startedAt().plusSeconds(i), c.direction(),
                    c.source(), c.pbx(), c.calling(), c.called(), c.callingE164(), c.answered(), c.billableMs(), c.identity()));
        }
        Map<String, CarrierFigures> none = Map.of();
        ReplayReport alone = new ReplayEngine(Runnable::run, 0).run(InMemoryRecordedCalls.of(many), FROM, TO.plusSeconds(9000),
                setup, none, 100, (read, decided) -> true);
        ReplayReport shared = new ReplayEngine(pool, 3).run(InMemoryRecordedCalls.of(many), FROM, TO.plusSeconds(9000),
                setup, none, 100, (read, decided) -> true);

        assertThat(alone.calls().read()).isEqualTo(many.size());
        assertThat(alone.changes().orderChanged()).isGreaterThan(0);
        assertThat(shared.summary()).isEqualTo(alone.summary());
        assertThat(shared.changesJson()).isEqualTo(alone.changesJson());
        assertThat(alone.sample()).hasSize(100);
    }

    @Test
    void badRequestsAreRefusedNamingTheirField() throws InterruptedException {
        ReplayService service = service(InMemoryRecordedCalls.of(week()));
        assertThat(refusal(service, new ReplayRequest("routeing", 2, FROM, TO))).isEqualTo("rulebook");
        assertThat(refusal(service, new ReplayRequest(null, 2, FROM, TO))).isEqualTo("rulebook");
        ReplayRefused fraud = catchThrowableOfType(() -> service.start(new ReplayRequest("fraud", 1, FROM, TO), "ana"),
                ReplayRefused.class);
        assertThat(fraud.getMessage()).contains("does not decide where calls go").contains(Replays.RULEBOOKS.toString());
        ReplayRefused version = catchThrowableOfType(() -> service.start(new ReplayRequest("routing", 9, FROM, TO), "ana"),
                ReplayRefused.class);
        assertThat(version.field()).isEqualTo("version");
        assertThat(version.getMessage()).contains("[1, 2, 3, 4]");
        assertThat(refusal(service, new ReplayRequest("routing", 2, TO, FROM))).isEqualTo("from");
        assertThat(refusal(service, new ReplayRequest("routing", 2, FROM, FROM))).isEqualTo("from");
        assertThat(refusal(service, new ReplayRequest("routing", 2, FROM, FROM.plus(Duration.ofDays(94))))).isEqualTo("to");
        assertThat(refusal(service, new ReplayRequest("routing", 2, null, TO))).isEqualTo("from");
        assertThat(store.list(null, null, 10)).as("nothing stored").isEmpty();
        ReplayRun quarter = service.start(new ReplayRequest("Routing", 2, FROM, FROM.plus(Duration.ofDays(93))), "ana");
        assertThat(quarter.rulebook()).as("93 days, the name as stored").isEqualTo("routing");
        assertThat(awaitEnd(service, quarter.id()).state()).isEqualTo(ReplayRun.State.DONE);
    }

    private static String refusal(ReplayService service, ReplayRequest request) {
        return catchThrowableOfType(() -> service.start(request, "ana"), ReplayRefused.class).field();
    }

    @Test
    void aRunningReplayIsCancelledAndTheSameVersionRefusedMeanwhile() throws Exception {
        AtomicLong n = new AtomicLong();
        List<RecordedCall> week = week();
        ReplayService service = service(InMemoryRecordedCalls.endless(() -> week.get((int) (n.getAndIncrement() % 47))));
        ReplayRun run = service.start(new ReplayRequest("routing", CANADA_VIA_C, FROM, TO), "ana");

        ReplayConflict again = catchThrowableOfType(() -> service.start(new ReplayRequest("routing", CANADA_VIA_C, FROM, TO),
                "adam"), ReplayConflict.class);
        assertThat(again.replay()).isEqualTo(run.id());
        assertThat(service.start(new ReplayRequest("routing", UNCHANGED, FROM, TO), "adam").state())
                .as("another version may run beside it").isEqualTo(ReplayRun.State.RUNNING);
        ReplayConflict third = catchThrowableOfType(() -> service.start(new ReplayRequest("routing", CANADA_BARRED, FROM, TO),
                "adam"), ReplayConflict.class);
        assertThat(third).as("a third at once").hasMessageContaining(Replays.MAX_RUNNING + " replays are running");
        while (service.find(run.id()).orElseThrow().read() == 0) {
            Thread.sleep(20);
        }
        ReplayRun cancelled = service.cancel(run.id(), "adam");
        cancelled = cancelled.state() == ReplayRun.State.RUNNING ? awaitEnd(service, run.id()) : cancelled;

        assertThat(cancelled.state()).isEqualTo(ReplayRun.State.CANCELLED);
        assertThat(cancelled.cancelledBy()).isEqualTo("adam");
        assertThat(cancelled.reason()).startsWith("cancelled after ");
        assertThat(cancelled.read()).isPositive();
        assertThat(cancelled.summaryJson()).isNull();
        assertThatThrownBy(() -> service.cancel(run.id(), "adam")).isInstanceOf(ReplayConflict.class)
                .hasMessageContaining("CANCELLED");
        assertThatThrownBy(() -> service.cancel(999, "adam")).isInstanceOf(ReplayNotFound.class);
        assertThat(service.list("routing", CANADA_VIA_C, 10)).extracting(ReplayRun::id).containsExactly(run.id());
        service.cancel(service.list("routing", UNCHANGED, 1).get(0).id(), "adam");
    }

    @Test
    void aReplayLeftRunningByAStopFailsAtTheNextStart() {
        long id = store.insert(new ReplayRun(0, "routing", 2, FROM, TO, "ana", NOW, List.of(), ReplayRun.State.RUNNING,
                null, 10, 10, 100L, null, null, null, null));

        service(InMemoryRecordedCalls.of(List.of()));

        ReplayRun run = store.find(id, true).orElseThrow();
        assertThat(run.state()).isEqualTo(ReplayRun.State.FAILED);
        assertThat(run.reason()).isEqualTo("interrupted: the platform stopped while the replay ran");
        assertThat(run.finishedAt()).isEqualTo(NOW);
    }

    private static Map<String, Map<String, Object>> byKey(Map<String, Object> summary, String list, String key) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Object o : (List<Object>) summary.get(list)) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.put((String) m.get(key), m);
        }
        return out;
    }
}
