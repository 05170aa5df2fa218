package io.trunkline.bench;

import io.trunkline.contract.routing.RouteDecision;
import io.trunkline.contract.routing.RouteRequest;
import com.hazelcast.core.HazelcastInstance;
import io.trunkline.ejb.fraud.domain.FraudCounters;
import io.trunkline.ejb.fraud.domain.FraudJudge;
import io.trunkline.ejb.fraud.domain.FraudScreen;
import io.trunkline.ejb.routing.domain.DecisionSettings;
import io.trunkline.ejb.routing.domain.Pbx;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.routing.domain.RoutingFixtures;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-call decision in process: the shipped rulebooks, three carriers with 50,000-prefix rate decks
 * each, and a mix of calls from a thousand extensions (international, Canada, toll-free, domestic least-cost,
 * weighted, internal, emergency). With {@code fraud=on} every routed outbound call is also screened by the shipped
 * fraud rulebook on counters copied every 100 ms (the platform's default; 20 ms in the runs of 2026-12-04) to a Hazelcast member in this JVM, as the platform copies them to
 * the edge cluster. Run with one thread: the figure is per core.
 */
@State(Scope.Thread)
public class DecisionBenchmark {

    static final int PREFIXES = 50_000;

    private RouteDecider decider;
    private RoutingData data;
    private RouteDecider.Books books;
    private RouteRequest[] calls;
    private int next;

    @Param({"off", "on"})
    public String fraud;
    private FraudScreen screen;
    private RulebookRegistry.Active fraudBook;
    private HazelcastInstance member;
    private ScheduledExecutorService flusher;

    @Setup(Level.Trial)
    public void setUp() {
        ClassLoader cl = Rulebook.class.getClassLoader();
        RulebookRegistry registry = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
        books = RouteDecider.Books.current(registry);
        data = RoutingFixtures.enterprise()
                .randomRates("carrier-a", PREFIXES, 1)
                .randomRates("carrier-b", PREFIXES, 2)
                .randomRates("carrier-c", PREFIXES, 3)
                .build();
        // The system clock: the fraud counters' windows slide as they do in service.
        decider = new RouteDecider(DecisionSettings.DEFAULT, Clock.systemUTC(), new Random(7)::nextDouble);
        if ("on".equals(fraud)) {
            member = FraudCounterMemory.member("bench-decisions", 15801);
            FraudCounters counters = new FraudCounters(FraudCounterMemory.replica(member), 120, 50_000);
            screen = new FraudScreen(new FraudJudge(counters, s -> java.util.Optional.empty(), 14_400));
            fraudBook = registry.active(Rulebook.FRAUD);
            flusher = Executors.newSingleThreadScheduledExecutor();
            flusher.scheduleWithFixedDelay(() -> counters.flush(Instant.now().getEpochSecond(), 14_400), 100, 100,
                    TimeUnit.MILLISECONDS);
        }
        Random random = new Random(11);
        String[][] mix = {
                {"hq-cucm", "2001", "9011"}, {"hq-cucm", "2001", "9011"}, {"hq-cucm", "2001", "914165"},
                {"hq-cucm", "2001", "91800555"}, {"hq-cucm", "+12015550123", "9312555"}, {"branch-asterisk", "2001", "9212555"},
                {"hq-cucm", "2001", "82"}, {"hq-cucm", "2001", "911"}, {"london-teams", "5001", "0033"},
        };
        String[] international = {"442071234567", "33142685300", "4930123456", "861012345678", "81312345678", "34912345678"};
        calls = new RouteRequest[1024];
        for (int i = 0; i < calls.length; i++) {
            String[] kind = mix[random.nextInt(mix.length)];
            String called = switch (kind[2]) {
                case "9011" -> "9011" + international[random.nextInt(international.length)];
                case "914165" -> "914165" + String.format("%06d", 550000 + random.nextInt(1000));
                case "91800555" -> "91800555" + String.format("%04d", random.nextInt(10000));
                case "9312555" -> "9312555" + String.format("%04d", random.nextInt(10000));
                case "9212555" -> "9212555" + String.format("%04d", random.nextInt(10000));
                case "82" -> "82" + String.format("%03d", random.nextInt(1000));
                case "0033" -> "0033142685300";
                default -> kind[2];
            };
            String calling = kind[1].equals("2001") ? Integer.toString(2000 + random.nextInt(1000)) : kind[1];
            calls[i] = new RouteRequest("bench-" + i, RouteRequest.Direction.OUTBOUND, kind[0], calling, called, null);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (flusher != null) {
            flusher.shutdownNow();
            member.shutdown();
        }
    }

    private RouteDecision decide() {
        RouteRequest request = calls[next++ & 1023];
        RouteDecision decision = decider.decide(request, data, books);
        if (screen == null) {
            return decision;
        }
        Pbx pbx = data.pbx(request.source()).orElseThrow();
        return screen.screen(request, decision, pbx.id(), pbx.zone(), fraudBook).decision();
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput})
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RouteDecision decisionsPerSecond() {
        return decide();
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RouteDecision decisionLatency() {
        return decide();
    }
}
