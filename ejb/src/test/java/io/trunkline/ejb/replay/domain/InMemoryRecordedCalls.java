package io.trunkline.ejb.replay.domain;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Recorded calls from a list, or without end from a generator (a replay that only a cancellation stops), for the
 * engine and service tests.
 */
public final class InMemoryRecordedCalls implements RecordedCalls {

    private final List<RecordedCall> calls;
    private final Supplier<RecordedCall> endless;

    private InMemoryRecordedCalls(List<RecordedCall> calls, Supplier<RecordedCall> endless) {
        this.calls = calls;
        this.endless = endless;
    }

    public static InMemoryRecordedCalls of(List<RecordedCall> calls) {
        return new InMemoryRecordedCalls(List.copyOf(calls), null);
    }

    public static InMemoryRecordedCalls endless(Supplier<RecordedCall> next) {
        return new InMemoryRecordedCalls(List.of(), next);
    }

    @Override
    public long count(Instant from, Instant to) {
        return endless != null ? Long.MAX_VALUE : inPeriod(from, to).size();
    }

    @Override
    public void read(Instant from, Instant to, Sink sink) {
        if (endless != null) {
            while (sink.take(endless.get())) {
                // until the sink stops it
            }
            return;
        }
        for (RecordedCall c : inPeriod(from, to)) {
            if (!sink.take(c)) {
                return;
            }
        }
    }

    private List<RecordedCall> inPeriod(Instant from, Instant to) {
        return calls.stream().filter(c -> !c.startedAt().isBefore(from) && c.startedAt().isBefore(to)).toList();
    }
}
