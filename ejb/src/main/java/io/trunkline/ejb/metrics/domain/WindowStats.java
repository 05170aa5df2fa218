package io.trunkline.ejb.metrics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one subject did in one window, kept so that windows add up: an hour is the sum of its twelve 5-minute
 * windows, PDD percentiles come from a histogram (the same buckets in every window, as Prometheus histograms do),
 * and the concurrent-call peak of an hour is the highest of its windows' peaks.
 */
public final class WindowStats {

    /** Upper bounds of the PDD buckets in ms; the last bucket holds everything above 30 s. */
    public static final long[] PDD_BOUNDS = {100, 200, 300, 500, 750, 1000, 1500, 2000, 2500, 3000, 4000, 5000,
        6000, 8000, 10000, 15000, 20000, 30000};

    public int attempts;
    public int answered;
    public int networkEffective;
    public long billableMs;
    public final long[] pdd = new long[PDD_BOUNDS.length + 1];
    public final Map<Integer, Integer> failures = new TreeMap<>();
    public int concurrentPeak;
    public double mosSum;
    public int mosCount;
    /** Packet loss (percent) and jitter (ms) of the calls that measured them, as sums and counts. */
    public double lossSum;
    public int lossCount;
    public double jitterSum;
    public int jitterCount;
    public BigDecimal cost = BigDecimal.ZERO;
    public int rated;
    /** STIR/SHAKEN tallies of a carrier ({@link CallFacts.IdentityTally} keys), in key order. */
    public final Map<String, Integer> identities = new TreeMap<>();

    /** Counts a fact that started in the window (the peak is computed apart, from every call overlapping it). */
    public void add(CallFact f) {
        attempts++;
        if (f.answered()) {
            answered++;
            billableMs += f.billableMs();
        } else {
            failures.merge(f.code(), 1, Integer::sum);
        }
        if (f.networkEffective()) {
            networkEffective++;
        }
        if (f.pddMs() != null) {
            pdd[bucket(f.pddMs())]++;
        }
        if (f.mos() != null) {
            mosSum += f.mos();
            mosCount++;
        }
        if (f.lossPct() != null) {
            lossSum += f.lossPct();
            lossCount++;
        }
        if (f.jitterMs() != null) {
            jitterSum += f.jitterMs();
            jitterCount++;
        }
        if (f.cost() != null) {
            cost = cost.add(f.cost());
            rated++;
        }
    }

    public void merge(WindowStats w) {
        attempts += w.attempts;
        answered += w.answered;
        networkEffective += w.networkEffective;
        billableMs += w.billableMs;
        for (int i = 0; i < pdd.length; i++) {
            pdd[i] += w.pdd[i];
        }
        w.failures.forEach((code, n) -> failures.merge(code, n, Integer::sum));
        concurrentPeak = Math.max(concurrentPeak, w.concurrentPeak);
        mosSum += w.mosSum;
        mosCount += w.mosCount;
        lossSum += w.lossSum;
        lossCount += w.lossCount;
        jitterSum += w.jitterSum;
        jitterCount += w.jitterCount;
        cost = cost.add(w.cost);
        rated += w.rated;
        w.identities.forEach((k, n) -> identities.merge(k, n, Integer::sum));
    }

    /**
     * Of the inbound calls whose identity the edge verified, the share that failed (a missing identity is not a
     * failure); null when none was verified.
     */
    public int identitiesVerified() {
        int verified = 0;
        for (Map.Entry<String, Integer> e : identities.entrySet()) {
            if (e.getKey().startsWith("in:FAILED") || e.getKey().equals("in:PASSED")) {
                verified += e.getValue();
            }
        }
        return verified;
    }

    public Double identityFailedShare() {
        int failed = 0;
        int verified = 0;
        for (Map.Entry<String, Integer> e : identities.entrySet()) {
            if (e.getKey().startsWith("in:FAILED")) {
                failed += e.getValue();
                verified += e.getValue();
            } else if (e.getKey().equals("in:PASSED")) {
                verified += e.getValue();
            }
        }
        return verified == 0 ? null : (double) failed / verified;
    }

    static int bucket(long ms) {
        int i = Arrays.binarySearch(PDD_BOUNDS, ms);
        return i >= 0 ? i : -i - 1;
    }

    public Double asr() {
        return attempts == 0 ? null : (double) answered / attempts;
    }

    public Double ner() {
        return attempts == 0 ? null : (double) networkEffective / attempts;
    }

    /** Average call duration of the answered calls, in seconds. */
    public Double acdSeconds() {
        return answered == 0 ? null : billableMs / 1000.0 / answered;
    }

    public Double mos() {
        return mosCount == 0 ? null : mosSum / mosCount;
    }

    /** Average packet loss in percent of the calls that measured it. */
    public Double lossPct() {
        return lossCount == 0 ? null : lossSum / lossCount;
    }

    /** Average jitter in ms of the calls that measured it. */
    public Double jitterMs() {
        return jitterCount == 0 ? null : jitterSum / jitterCount;
    }

    /**
     * The q-quantile of PDD in ms, interpolated inside its bucket (the first bucket from 0, the open last one
     * reported at its lower bound); null without measurements.
     */
    public Long pddQuantile(double q) {
        long total = Arrays.stream(pdd).sum();
        if (total == 0) {
            return null;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < pdd.length; i++) {
            if (pdd[i] > 0 && seen + pdd[i] >= rank) {
                if (i == PDD_BOUNDS.length) {
                    return PDD_BOUNDS[i - 1];
                }
                long low = i == 0 ? 0 : PDD_BOUNDS[i - 1];
                double within = (rank - seen) / pdd[i];
                return Math.round(low + within * (PDD_BOUNDS[i] - low));
            }
            seen += pdd[i];
        }
        return PDD_BOUNDS[PDD_BOUNDS.length - 1];
    }

    /**
     * The most calls up at once inside [from, to): each call counts from its start to its end, clipped to the
     * window (a call of no length takes no channel); a call ending at the instant another starts is not counted
     * with it.
     */
    public static int peak(List<Instant[]> calls, Instant from, Instant to) {
        List<long[]> events = new ArrayList<>(calls.size() * 2);
        for (Instant[] c : calls) {
            Instant start = c[0].isBefore(from) ? from : c[0];
            Instant end = c[1] == null || c[1].isAfter(to) ? to : c[1];
            if (start.isBefore(end)) {
                events.add(new long[]{start.toEpochMilli(), 1});
                events.add(new long[]{end.toEpochMilli(), -1});
            }
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int up = 0;
        int peak = 0;
        for (long[] e : events) {
            up += (int) e[1];
            peak = Math.max(peak, up);
        }
        return peak;
    }
}
