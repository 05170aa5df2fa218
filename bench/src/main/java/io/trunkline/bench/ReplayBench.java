package io.trunkline.bench;

import java.util.logging.Logger;
import io.trunkline.ejb.replay.application.ReplayEngine;
import io.trunkline.ejb.replay.domain.CallReplay;
import io.trunkline.ejb.replay.domain.RecordedCalls;
import io.trunkline.ejb.replay.domain.ReplayReport;
import io.trunkline.ejb.replay.infrastructure.JdbcRecordedCalls;
import io.trunkline.ejb.routing.domain.Capability;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.routing.domain.RoutingFixtures;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A replay of CALLS recorded calls as the platform's replay job runs it, in one process: the calls are written into
 * {@code call_record} of a PostgreSQL database with {@code generate_series} (a week of October 2026, the decision
 * benchmark's mix: international, Canada, toll-free, domestic least cost and weighted, internal, emergency, London;
 * 60 % answered), then read through {@link JdbcRecordedCalls} (a cursor) and decided twice each by
 * {@link ReplayEngine} with one worker per processor besides the reading thread, the active routing table against a
 * draft that moves Canada from B to C, on the worked example's enterprise with 50,000-prefix decks per carrier.
 * Prints a read-only pass (the cursor alone), then two replays (the first with a cold JIT).
 *
 * <p>Arguments: JDBC URL, user, password, calls, workers.
 */
public final class ReplayBench {

    private static final Logger LOG = Logger.getLogger(ReplayBench.class.getName());

    static final Instant FROM = Instant.parse("2026-10-05T00:00:00Z");
    static final Instant TO = Instant.parse("2026-10-12T00:00:00Z");
    static final String NODE = "replay-bench";

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser(args[1]);
        ds.setPassword(args[2]);
        long calls = Long.parseLong(args[3]);
        int workers = Integer.parseInt(args[4]);
        Flyway.configure(ReplayBench.class.getClassLoader()).dataSource(ds)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .table("trunkline_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        write(ds, calls);

        ClassLoader cl = Rulebook.class.getClassLoader();
        RulebookRegistry registry = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
        RulebookRegistry.Active draft = registry.compile(Rulebook.ROUTING, 2, registry.withFile(Rulebook.ROUTING,
                "RoutingPolicy.drl.xlsx", RoutingPolicyTableSource.canadaVia("carrier-c carrier-a", "PRIORITY").toXlsx()),
                "bench", "Canada via C");
        RoutingData data = RoutingFixtures.enterprise()
                .carrier("carrier-c", EnumSet.of(Capability.INTERNATIONAL), Set.of("US", "CA"), 30, 3, 10,
                        List.of("+1312555"), "1/1", "America/Chicago", "07:00-19:00 Mon-Fri")
                .randomRates("carrier-a", DecisionBenchmark.PREFIXES, 1)
                .randomRates("carrier-b", DecisionBenchmark.PREFIXES, 2)
                .randomRates("carrier-c", DecisionBenchmark.PREFIXES, 3)
                .build();
        CallReplay.Setup setup = new CallReplay.Setup(data, RouteDecider.Books.current(registry),
                RouteDecider.Books.current(r -> r == Rulebook.ROUTING ? draft : registry.active(r)));
        RecordedCalls recorded = new JdbcRecordedCalls(ds);

        long start = System.nanoTime();
        AtomicLong read = new AtomicLong();
        recorded.read(FROM, TO, c -> read.incrementAndGet() > 0);
        LOG.info(String.format("read-only pass: %,d calls in %.1f s", read.get(), seconds(start)));

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            for (int run = 1; run <= 2; run++) {
                start = System.nanoTime();
                ReplayReport report = new ReplayEngine(pool, workers).run(recorded, FROM, TO, setup, Map.of(), 1000,
                        (r, d) -> true);
                double s = seconds(start);
                LOG.info(String.format("replay %d (%s): %,d calls read, %,d decided on both sides, %,d changed (%,d order), "
                                + "cost %s -> %s USD, in %.1f s: %,.0f calls/s (%,.0f decisions/s) with %d workers",
                        run, run == 1 ? "cold" : "warm", report.calls().read(), report.calls().decided(),
                        report.changes().total(), report.changes().orderChanged(), report.cost().before().get("USD"),
                        report.cost().after().get("USD"), s, report.calls().read() / s, 2 * report.calls().decided() / s,
                        workers));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Writes the calls unless the database already holds exactly that many of this benchmark's. */
    static void write(DataSource ds, long calls) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM call_record WHERE node_id = '" + NODE + "'")) {
                rs.next();
                if (rs.getLong(1) == calls) {
                    LOG.info(String.format("call_record holds the %,d calls already", calls));
                    return;
                }
            }
            long start = System.nanoTime();
            for (String table : new String[]{"call_record", "call_attempt"}) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + "_2026_10 PARTITION OF " + table
                        + " FOR VALUES FROM ('2026-10-01 00:00:00+00') TO ('2026-11-01 00:00:00+00')");
            }
            s.execute("DELETE FROM call_record WHERE node_id = '" + NODE + "'");
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setLong(1, calls);
                ps.setLong(2, calls);
                ps.executeUpdate();
            }
            s.execute("ANALYZE call_record");
            LOG.info(String.format("%,d calls written in %.1f s", calls, seconds(start)));
        }
    }

    /** The decision benchmark's mix of calls over the week, numbered i = 0 .. calls - 1. */
    private static final String INSERT = """
            INSERT INTO call_record (call_id, started_at, event_id, node_id, direction, origin, pbx_id, calling_dialed,
              called_dialed, attempts, answered_at, ended_at, duration_ms, release_code, record)
            SELECT 'bench-' || i, s, 'replay-bench:' || i, 'replay-bench', 'OUTBOUND', pbx, pbx,
              CASE WHEN k = 4 THEN '+12015550123' WHEN k = 8 THEN '5001' ELSE (2000 + i % 1000)::text END,
              CASE k WHEN 0 THEN '9011' || (ARRAY['442071234567','33142685300','4930123456','861012345678',
                                                  '81312345678','34912345678'])[1 + (i / 9) % 6]
                     WHEN 1 THEN '9011442071234567'
                     WHEN 2 THEN '914165' || lpad((550000 + i % 1000)::text, 6, '0')
                     WHEN 3 THEN '91800555' || lpad((i % 10000)::text, 4, '0')
                     WHEN 4 THEN '9312555' || lpad((i % 10000)::text, 4, '0')
                     WHEN 5 THEN '9212555' || lpad((i % 10000)::text, 4, '0')
                     WHEN 6 THEN '82' || lpad((i % 1000)::text, 3, '0')
                     WHEN 7 THEN '911'
                     ELSE '0033142685300' END,
              1, CASE WHEN i % 10 < 6 THEN s + interval '4 seconds' END,
              s + make_interval(secs => 4 + i % 400), CASE WHEN i % 10 < 6 THEN (i % 400) * 1000 ELSE 0 END,
              CASE WHEN i % 10 < 6 THEN 200 ELSE 486 END, '{}'
            FROM (SELECT i, i % 9 AS k,
                         CASE i % 9 WHEN 5 THEN 'branch-asterisk' WHEN 8 THEN 'london-teams' ELSE 'hq-cucm' END AS pbx,
                         timestamptz '2026-10-05 00:00:00+00' + make_interval(secs => i::double precision * 604800 / ?) AS s
                  FROM generate_series(0, ? - 1) i) g
            """;
}
