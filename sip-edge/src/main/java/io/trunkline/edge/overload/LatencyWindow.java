package io.trunkline.edge.overload;

import java.util.function.LongSupplier;

/**
 * Latencies of the last {@code window} in slices of {@code slice}, each slice a histogram of 2 ms bins up to
 * 2,046 ms (one overflow bin beyond), so that a percentile costs the same at 10 or 1,000 calls a second and
 * old slices fall out whole (a sliding window, as Kamailio's pipelimit keeps its load per timer interval).
 */
final class LatencyWindow {

    private static final int BINS = 1024;
    private static final long BIN_NANOS = 2_000_000L;

    private final LongSupplier nanos;
    private final long sliceNanos;
    private final int[][] slices;
    private final long[] sliceStart;

    LatencyWindow(LongSupplier nanos, long windowNanos, long sliceNanos) {
        this.nanos = nanos;
        this.sliceNanos = sliceNanos;
        int n = (int) Math.max(1, windowNanos / sliceNanos);
        this.slices = new int[n][BINS];
        this.sliceStart = new long[n];
        java.util.Arrays.fill(sliceStart, Long.MIN_VALUE);
    }

    synchronized void record(long latencyNanos) {
        int[] slice = current();
        slice[(int) Math.min(BINS - 1, Math.max(0, latencyNanos) / BIN_NANOS)]++;
    }

    /** The slice for now, emptied first when it last held an older period. */
    private int[] current() {
        long period = Math.floorDiv(nanos.getAsLong(), sliceNanos);
        int i = (int) Math.floorMod(period, (long) slices.length);
        if (sliceStart[i] != period) {
            java.util.Arrays.fill(slices[i], 0);
            sliceStart[i] = period;
        }
        return slices[i];
    }

    /** The {@code q} quantile (0..1) of the window in milliseconds (upper edge of its bin); 0 when empty. */
    synchronized long quantileMs(double q) {
        long period = Math.floorDiv(nanos.getAsLong(), sliceNanos);
        long[] sum = new long[BINS];
        long count = 0;
        for (int s = 0; s < slices.length; s++) {
            if (sliceStart[s] > period - slices.length) {
                for (int b = 0; b < BINS; b++) {
                    sum[b] += slices[s][b];
                }
            }
        }
        for (long c : sum) {
            count += c;
        }
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int b = 0; b < BINS; b++) {
            seen += sum[b];
            if (seen >= rank) {
                return (b + 1) * BIN_NANOS / 1_000_000L;
            }
        }
        return BINS * BIN_NANOS / 1_000_000L;
    }
}
