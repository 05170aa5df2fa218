package io.trunkline.edge.overload;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One admission answer per call attempt (Call-ID and CSeq, {@link OverloadControl#attempt}): a new call's INVITE may
 * be judged on arrival (by {@link EarlyRefusal}) and again by the B2BUA once the stack has parsed it, and each of its
 * retransmissions is seen again; the first judgment stands for all of them, so an admitted call takes one token and
 * is never refused by its own retransmission, and a refused one is refused again, while the caller's retry after
 * Retry-After (a higher CSeq) is judged afresh. Answers are kept two generations of {@code keepMs} (at least 32 s, the life of an INVITE
 * transaction over UDP, RFC 3261 Timer B), at most {@code maxPerGeneration} each: beyond that a call is judged
 * afresh, so a flood of new Call-IDs cannot grow the memory.
 */
public final class CallAdmissions implements OverloadControl {

    static final long KEEP_MS = 32_000;
    static final int MAX_PER_GENERATION = 100_000;

    private final OverloadControl judge;
    private final LongSupplier nanos;
    private final long keepNanos;
    private final int maxPerGeneration;
    private volatile ConcurrentHashMap<String, Boolean> current = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, Boolean> previous = new ConcurrentHashMap<>();
    private volatile long generationStarted;

    public CallAdmissions(OverloadControl judge, LongSupplier nanos) {
        this(judge, nanos, KEEP_MS, MAX_PER_GENERATION);
    }

    CallAdmissions(OverloadControl judge, LongSupplier nanos, long keepMs, int maxPerGeneration) {
        this.judge = judge;
        this.nanos = nanos;
        this.keepNanos = TimeUnit.MILLISECONDS.toNanos(keepMs);
        this.maxPerGeneration = maxPerGeneration;
        this.generationStarted = nanos.getAsLong();
    }

    @Override
    public boolean admit(String attempt) {
        rotate();
        Boolean known = current.get(attempt);
        if (known == null) {
            known = previous.get(attempt);
        }
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = current.get(attempt);
            if (known != null) {
                return known;
            }
            boolean admitted = judge.admitNewCall();
            if (current.size() < maxPerGeneration) {
                current.put(attempt, admitted);
            }
            return admitted;
        }
    }

    private void rotate() {
        long now = nanos.getAsLong();
        if (now - generationStarted >= keepNanos) {
            synchronized (this) {
                if (now - generationStarted >= keepNanos) {
                    previous = current;
                    current = new ConcurrentHashMap<>();
                    generationStarted = now;
                }
            }
        }
    }

    /** Calls whose answer is remembered now. */
    int remembered() {
        return current.size() + previous.size();
    }

    @Override
    public boolean admitNewCall() {
        return judge.admitNewCall();
    }

    @Override
    public boolean limiting() {
        return judge.limiting();
    }

    @Override
    public int retryAfterSeconds() {
        return judge.retryAfterSeconds();
    }

    @Override
    public void decided(long latencyNanos) {
        judge.decided(latencyNanos);
    }
}
