package io.trunkline.ejb.fraud.domain;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters of one subject over one row filter, in sliding windows of buckets: calls in the last minute
 * (six 10-second buckets, so the window is 50-60 s long), answered calls, short calls and spend in the last hour
 * (twelve 5-minute buckets, 55-60 min), the calls not ended yet and the destinations called in the last hour.
 * Both sets are capped ({@link #MAX_TRACKED}): past the cap a count reads as at least the cap, which every
 * sensible threshold is below. Not thread-safe: its {@link SubjectCounters} guards it.
 */
public final class WindowCounters {

    static final int MINUTE_SLOTS = 6;
    static final int MINUTE_SLOT_SECONDS = 10;
    static final int HOUR_SLOTS = 12;
    static final int HOUR_SLOT_SECONDS = 300;
    /** Calls open and destinations remembered per subject and filter, at most. */
    public static final int MAX_TRACKED = 1_024;
    /** Spend is kept in millionths of the currency unit. */
    static final long MICROS = 1_000_000L;

    private final long[] minuteStamp = new long[MINUTE_SLOTS];
    private final int[] calls = new int[MINUTE_SLOTS];
    private final long[] hourStamp = new long[HOUR_SLOTS];
    private final int[] answered = new int[HOUR_SLOTS];
    private final int[] shortCalls = new int[HOUR_SLOTS];
    private final long[] spendMicros = new long[HOUR_SLOTS];
    /** Call id to the second it was counted; insertion order, the oldest first. */
    private final LinkedHashMap<String, Long> open = new LinkedHashMap<>();
    /** Destination to the second it was last called, least recently called first. */
    private final LinkedHashMap<String, Long> destinations = new LinkedHashMap<>(16, 0.75f, true);

    // --- counting -----------------------------------------------------------------------------------

    void call(long second) {
        int i = minuteSlot(second);
        calls[i]++;
    }

    void destination(String number, long second) {
        destinations.put(number, second);
        Iterator<Map.Entry<String, Long>> it = destinations.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (destinations.size() > MAX_TRACKED || e.getValue() <= second - HOUR_SLOTS * HOUR_SLOT_SECONDS) {
                it.remove();
            } else {
                break;
            }
        }
    }

    /** A call that goes: open until its end is reported, or until {@code maxCallSeconds} after it started. */
    void opened(String callId, long second, long maxCallSeconds) {
        open.put(callId, second);
        expireOpen(second, maxCallSeconds);
    }

    boolean closed(String callId) {
        return open.remove(callId) != null;
    }

    void ended(boolean answeredCall, boolean shortCall, long costMicros, long second) {
        int i = hourSlot(second);
        if (answeredCall) {
            answered[i]++;
            if (shortCall) {
                shortCalls[i]++;
            }
        }
        spendMicros[i] += costMicros;
    }

    // --- reading ------------------------------------------------------------------------------------

    int callsPerMinute(long second) {
        long now = second / MINUTE_SLOT_SECONDS;
        int sum = 0;
        for (int i = 0; i < MINUTE_SLOTS; i++) {
            if (minuteStamp[i] > now - MINUTE_SLOTS && minuteStamp[i] <= now) {
                sum += calls[i];
            }
        }
        return sum;
    }

    int concurrent(long second, long maxCallSeconds) {
        expireOpen(second, maxCallSeconds);
        return open.size();
    }

    int distinctDestinations(long second) {
        long from = second - HOUR_SLOTS * HOUR_SLOT_SECONDS;
        int n = 0;
        for (long seen : destinations.values()) {
            if (seen > from) {
                n++;
            }
        }
        return n;
    }

    int answeredPerHour(long second) {
        return sumHour(answered, second);
    }

    int shortPerHour(long second) {
        return sumHour(shortCalls, second);
    }

    long spendMicrosPerHour(long second) {
        long now = second / HOUR_SLOT_SECONDS;
        long sum = 0;
        for (int i = 0; i < HOUR_SLOTS; i++) {
            if (hourStamp[i] > now - HOUR_SLOTS && hourStamp[i] <= now) {
                sum += spendMicros[i];
            }
        }
        return sum;
    }

    /** True when nothing in it counts any more at {@code second}: it can be dropped. */
    boolean idle(long second, long maxCallSeconds) {
        return callsPerMinute(second) == 0 && concurrent(second, maxCallSeconds) == 0
                && distinctDestinations(second) == 0 && answeredPerHour(second) == 0 && spendMicrosPerHour(second) == 0;
    }

    // --- slots --------------------------------------------------------------------------------------

    private int minuteSlot(long second) {
        long bucket = second / MINUTE_SLOT_SECONDS;
        int i = (int) (bucket % MINUTE_SLOTS);
        if (minuteStamp[i] != bucket) {
            minuteStamp[i] = bucket;
            calls[i] = 0;
        }
        return i;
    }

    private int hourSlot(long second) {
        long bucket = second / HOUR_SLOT_SECONDS;
        int i = (int) (bucket % HOUR_SLOTS);
        if (hourStamp[i] != bucket) {
            hourStamp[i] = bucket;
            answered[i] = 0;
            shortCalls[i] = 0;
            spendMicros[i] = 0;
        }
        return i;
    }

    private int sumHour(int[] values, long second) {
        long now = second / HOUR_SLOT_SECONDS;
        int sum = 0;
        for (int i = 0; i < HOUR_SLOTS; i++) {
            if (hourStamp[i] > now - HOUR_SLOTS && hourStamp[i] <= now) {
                sum += values[i];
            }
        }
        return sum;
    }

    private void expireOpen(long second, long maxCallSeconds) {
        Iterator<Map.Entry<String, Long>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (open.size() > MAX_TRACKED || e.getValue() <= second - maxCallSeconds) {
                it.remove();
            } else {
                break;
            }
        }
    }

    // --- the cluster copy ---------------------------------------------------------------------------

    /** Writes only the buckets still inside their window at {@code second}: the copy stays as small as the activity. */
    void write(DataOutput out, long second) throws IOException {
        long minuteNow = second / MINUTE_SLOT_SECONDS;
        int live = 0;
        for (int i = 0; i < MINUTE_SLOTS; i++) {
            live += minuteStamp[i] > minuteNow - MINUTE_SLOTS && calls[i] != 0 ? 1 : 0;
        }
        out.writeByte(live);
        for (int i = 0; i < MINUTE_SLOTS; i++) {
            if (minuteStamp[i] > minuteNow - MINUTE_SLOTS && calls[i] != 0) {
                out.writeLong(minuteStamp[i]);
                out.writeInt(calls[i]);
            }
        }
        long hourNow = second / HOUR_SLOT_SECONDS;
        live = 0;
        for (int i = 0; i < HOUR_SLOTS; i++) {
            live += hourStamp[i] > hourNow - HOUR_SLOTS && (answered[i] | spendMicros[i]) != 0 ? 1 : 0;
        }
        out.writeByte(live);
        for (int i = 0; i < HOUR_SLOTS; i++) {
            if (hourStamp[i] > hourNow - HOUR_SLOTS && (answered[i] | spendMicros[i]) != 0) {
                out.writeLong(hourStamp[i]);
                out.writeInt(answered[i]);
                out.writeInt(shortCalls[i]);
                out.writeLong(spendMicros[i]);
            }
        }
        writeMap(out, open);
        writeMap(out, destinations);
    }

    static WindowCounters read(DataInput in) throws IOException {
        WindowCounters w = new WindowCounters();
        int minutes = in.readUnsignedByte();
        for (int n = 0; n < minutes; n++) {
            long stamp = in.readLong();
            int i = (int) (stamp % MINUTE_SLOTS);
            w.minuteStamp[i] = stamp;
            w.calls[i] = in.readInt();
        }
        int hours = in.readUnsignedByte();
        for (int n = 0; n < hours; n++) {
            long stamp = in.readLong();
            int i = (int) (stamp % HOUR_SLOTS);
            w.hourStamp[i] = stamp;
            w.answered[i] = in.readInt();
            w.shortCalls[i] = in.readInt();
            w.spendMicros[i] = in.readLong();
        }
        readMap(in, w.open);
        readMap(in, w.destinations);
        return w;
    }

    private static void writeMap(DataOutput out, Map<String, Long> map) throws IOException {
        out.writeShort(map.size());
        for (Map.Entry<String, Long> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt((int) (long) e.getValue());
        }
    }

    private static void readMap(DataInput in, Map<String, Long> map) throws IOException {
        int n = in.readUnsignedShort();
        if (n > MAX_TRACKED + 1) {
            throw new IOException("counter copy holds " + n + " entries, more than " + MAX_TRACKED);
        }
        for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            map.put(key, Integer.toUnsignedLong(in.readInt()));
        }
    }
}
