package io.trunkline.ejb.fraud.domain;

import io.trunkline.rules.fraud.FraudCheck.Counter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every counter of one subject (an extension, a PBX, a prefix), one {@link WindowCounters} per row filter, with
 * its compact binary form for the cluster's copy. Thread-safe: each method holds the subject's lock, so counts of
 * one subject are exact under concurrent decisions.
 */
public final class SubjectCounters {

    private static final int FORMAT = 1;

    private final Map<String, WindowCounters> byFilter = new LinkedHashMap<>();
    /** Changed since the cluster's copy was last written. */
    private boolean dirty;
    private long lastUsedSecond;

    /** The values one row reads, after this call was counted. */
    public record Values(int callsPerMinute, int concurrent, int distinctDestinations, int answered, int shortCalls,
                         long spendMicros) {

        /** The value of {@code counter}, as the rows' thresholds read it (ratio in per cent, spend in currency). */
        public java.math.BigDecimal of(Counter counter) {
            return switch (counter) {
                case CALLS_PER_MINUTE -> java.math.BigDecimal.valueOf(callsPerMinute);
                case CONCURRENT_CALLS -> java.math.BigDecimal.valueOf(concurrent);
                case DISTINCT_DESTINATIONS_PER_HOUR -> java.math.BigDecimal.valueOf(distinctDestinations);
                case SHORT_CALL_RATIO -> answered == 0 ? java.math.BigDecimal.ZERO
                        : java.math.BigDecimal.valueOf(shortCalls * 100L).divide(java.math.BigDecimal.valueOf(answered),
                        1, java.math.RoundingMode.HALF_UP);
                case SPEND_PER_HOUR -> java.math.BigDecimal.valueOf(spendMicros, 6).stripTrailingZeros();
            };
        }
    }

    /**
     * Counts one call for the filter: an attempt, its destination when a row reads distinct destinations, and
     * (when {@code openCall} is given) an open call when a row reads concurrency; returns the values with it.
     */
    public synchronized Values count(String filter, Set<Counter> read, String destination, String openCall,
                                     long second, long maxCallSeconds) {
        WindowCounters w = byFilter.computeIfAbsent(filter, f -> new WindowCounters());
        w.call(second);
        if (read.contains(Counter.DISTINCT_DESTINATIONS_PER_HOUR) && destination != null) {
            w.destination(destination, second);
        }
        if (read.contains(Counter.CONCURRENT_CALLS) && openCall != null) {
            w.opened(openCall, second, maxCallSeconds);
        }
        touched(second);
        return values(w, second, maxCallSeconds);
    }

    /** The values of a filter without counting anything (zeros for a filter never counted). */
    public synchronized Values read(String filter, long second, long maxCallSeconds) {
        WindowCounters w = byFilter.get(filter);
        return w == null ? new Values(0, 0, 0, 0, 0, 0) : values(w, second, maxCallSeconds);
    }

    /** A call that was counted as open but did not go after all (refused after counting). */
    public synchronized void notOpened(String filter, String openCall) {
        WindowCounters w = byFilter.get(filter);
        if (w != null && w.closed(openCall)) {
            dirty = true;
        }
    }

    /** A call's end: closes it and adds what the hour windows count. */
    public synchronized void ended(String filter, String openCall, boolean answered, boolean shortCall, long costMicros,
                                   long second) {
        WindowCounters w = byFilter.computeIfAbsent(filter, f -> new WindowCounters());
        w.closed(openCall);
        w.ended(answered, shortCall, costMicros, second);
        touched(second);
    }

    /** Forgets the filter's counts (a block was taken on them: counting starts again when it ends). */
    public synchronized void clear(String filter) {
        if (byFilter.remove(filter) != null) {
            dirty = true;
        }
    }

    /** Every filter's values. */
    public synchronized Map<String, Values> all(long second, long maxCallSeconds) {
        Map<String, Values> out = new LinkedHashMap<>();
        byFilter.forEach((f, w) -> out.put(f, values(w, second, maxCallSeconds)));
        return out;
    }

    /** The copy to write to the cluster when changed since the last one (null when not), idle filters dropped. */
    public synchronized byte[] takeDirty(long second, long maxCallSeconds) {
        if (!dirty) {
            return null;
        }
        dirty = false;
        byFilter.values().removeIf(w -> w.idle(second, maxCallSeconds));
        return encode(second);
    }

    public synchronized void markDirty() {
        dirty = true;
    }

    public synchronized long lastUsedSecond() {
        return lastUsedSecond;
    }

    public synchronized boolean isDirty() {
        return dirty;
    }

    private void touched(long second) {
        dirty = true;
        lastUsedSecond = Math.max(lastUsedSecond, second);
    }

    private static Values values(WindowCounters w, long second, long maxCallSeconds) {
        return new Values(w.callsPerMinute(second), w.concurrent(second, maxCallSeconds), w.distinctDestinations(second),
                w.answeredPerHour(second), w.shortPerHour(second), w.spendMicrosPerHour(second));
    }

    // --- binary form --------------------------------------------------------------------------------

    public synchronized byte[] encode(long second) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeShort(byFilter.size());
            for (Map.Entry<String, WindowCounters> e : byFilter.entrySet()) {
                out.writeUTF(e.getKey());
                e.getValue().write(out, second);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException for bytes that are not a counter copy of this format */
    public static SubjectCounters decode(byte[] bytes, long second) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("counter copy of format " + format + ", expected " + FORMAT);
            }
            SubjectCounters s = new SubjectCounters();
            int filters = in.readUnsignedShort();
            for (int i = 0; i < filters; i++) {
                s.byFilter.put(in.readUTF(), WindowCounters.read(in));
            }
            s.lastUsedSecond = second;
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("counter copy unreadable: " + e.getMessage(), e);
        }
    }
}
