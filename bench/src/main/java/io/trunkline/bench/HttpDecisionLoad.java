package io.trunkline.bench;

import io.trunkline.contract.routing.RouteRequest;
import io.trunkline.edge.b2bua.B2bua;
import io.trunkline.edge.routing.PlatformRoutingClient;
import io.trunkline.edge.routing.PlatformUnavailable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open-loop load on {@code POST /api/v1/decisions/route}: requests leave at a fixed rate whatever the
 * server does, and each latency is measured from when its request was due, so a stall shows in the
 * percentiles instead of slowing the generator down (no coordinated omission).
 *
 * <p>Arguments: base URL, requests per second, seconds, user (password = user, the demo accounts), client.
 * The client is {@code edge} (default): the edge nodes' own decision client ({@link PlatformRoutingClient}:
 * pooled keep-alive HTTP/1.1) on {@value #EDGE_THREADS} threads, which is what the endpoint serves in
 * production; or {@code jdk}: the JDK's {@code HttpClient} with {@code sendAsync}, which opens a new connection
 * whenever none is idle. A request waiting for a free thread waits on the clock, so it counts in its latency.
 * Prints one summary line per run and exits non-zero if any request failed.
 */
public final class HttpDecisionLoad {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDecisionLoad.class);

    /** As many deciding threads as an edge node has. */
    static final int EDGE_THREADS = B2bua.DECISION_THREADS;

    private HttpDecisionLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String user = args.length > 3 ? args[3] : "edge-1";
        boolean jdk = args.length > 4 && "jdk".equals(args[4]);
        int total = rate * seconds;
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String[] called = {"9011442071234567", "914165550123", "918005550100", "93125550199", "82001", "901133142685300"};
        URI uri = URI.create(base + "/api/v1/decisions/route");

        long[] latencies = new long[total];
        AtomicInteger failures = new AtomicInteger();
        PlatformRoutingClient edge = jdk ? null : new PlatformRoutingClient(base, user, user, Duration.ofSeconds(10));
        ExecutorService deciders = jdk ? null : Executors.newFixedThreadPool(EDGE_THREADS);
        if (jdk) {
            warmUp(http, uri, auth, called);
        } else {
            warmUp(edge, deciders, called);
        }
        AtomicLong firstFailure = new AtomicLong(-1);
        Map<String, LongAdder> verdicts = new ConcurrentSkipListMap<>();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 100_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            final int n = i;
            long due = start + n * interval;
            clock.schedule(() -> {
                if (edge != null) {
                    deciders.execute(() -> {
                        String verdict = null;
                        try {
                            verdict = edge.decide(new RouteRequest("load-" + n, RouteRequest.Direction.OUTBOUND,
                                    "hq-cucm", Integer.toString(2000 + n % 1000), called[n % called.length], null))
                                    .verdict().name();
                        } catch (PlatformUnavailable e) {
                            firstFailure.compareAndSet(-1, -2);
                        }
                        latencies[n] = System.nanoTime() - due;
                        count(verdict, failures, verdicts);
                        done.countDown();
                    });
                    return;
                }
                // A thousand extensions, as a PBX's traffic comes: the fraud stage counts each one's calls.
                String body = "{\"callId\":\"load-" + n + "\",\"source\":\"hq-cucm\",\"calling\":\""
                        + (2000 + n % 1000) + "\",\"called\":\""
                        + called[n % called.length] + "\"}";
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    latencies[n] = System.nanoTime() - due;
                    if (e == null && r.statusCode() != 200) {
                        firstFailure.compareAndSet(-1, r.statusCode());
                    } else if (e != null) {
                        firstFailure.compareAndSet(-1, -2);
                    }
                    count(e == null && r.statusCode() == 200 ? verdictOf(r.body()) : null, failures, verdicts);
                    done.countDown();
                });
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        boolean finished = done.await(seconds + 60L, TimeUnit.SECONDS);
        clock.shutdownNow();
        if (edge != null) {
            deciders.shutdownNow();
            edge.close();
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double elapsed = (System.nanoTime() - start) / 1e9;
        String summary = String.format(Locale.ROOT,
                "decisions: %d at %d/s for %d s (%.1f s wall, %s client) | failed %d%s | verdicts %s | latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f",
                total, rate, seconds, elapsed, jdk ? "JDK HttpClient" : "edge", failures.get(),
                firstFailure.get() == -1 ? "" : " (first: " + (firstFailure.get() == -2 ? "I/O error" : "HTTP " + firstFailure.get()) + ")",
                verdicts,
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
        LOG.info(summary);
        LOG.info("by 5 s of the run, p50/p99 ms: {}", slices(latencies, rate * 5));
        System.exit(finished && failures.get() == 0 ? 0 : 1);
    }

    /** The same 3,000 warm-up decisions through the edge's client, from its threads (which opens its connections). */
    private static void warmUp(PlatformRoutingClient edge, ExecutorService deciders, String[] called) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < EDGE_THREADS; t++) {
            int thread = t;
            done.add(deciders.submit(() -> {
                for (int i = thread; i < 3000; i += EDGE_THREADS) {
                    edge.decide(new RouteRequest("warm-" + i, RouteRequest.Direction.OUTBOUND, "hq-cucm", "2001",
                            called[i % called.length], null));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    private static void warmUp(HttpClient http, URI uri, String auth, String[] called) throws Exception {
        for (int i = 0; i < 3000; i++) {
            String body = "{\"callId\":\"warm-" + i + "\",\"source\":\"hq-cucm\",\"calling\":\"2001\",\"called\":\""
                    + called[i % called.length] + "\"}";
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("warm-up request answered HTTP " + r.statusCode()
                        + ": is the platform running with the demo data (./trunkline run)?");
            }
        }
    }

    private static void count(String verdict, AtomicInteger failures, Map<String, LongAdder> verdicts) {
        if (verdict == null) {
            failures.incrementAndGet();
        } else {
            verdicts.computeIfAbsent(verdict, v -> new LongAdder()).increment();
        }
    }

    /** The verdict of a decision's JSON, without parsing the rest of it. */
    private static String verdictOf(String json) {
        int at = json.indexOf("\"verdict\":\"");
        if (at < 0) {
            return "?";
        }
        int from = at + "\"verdict\":\"".length();
        int to = json.indexOf('"', from);
        return to < 0 ? "?" : json.substring(from, to);
    }

    /** The median and 99th percentile of each consecutive slice of {@code size} requests, in order of sending. */
    private static String slices(long[] latencies, int size) {
        StringBuilder out = new StringBuilder();
        for (int from = 0; from < latencies.length; from += size) {
            long[] slice = Arrays.copyOfRange(latencies, from, Math.min(latencies.length, from + size));
            Arrays.sort(slice);
            out.append(String.format(Locale.ROOT, "%s%.1f/%.1f", out.length() == 0 ? "" : " ", ms(slice, 0.50), ms(slice, 0.99)));
        }
        return out.toString();
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
