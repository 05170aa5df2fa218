package io.trunkline.ejb.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.rules.fraud.FraudCheck.Counter;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Where a subject's counts start: the cluster's copy when it answers, zero when it does not, read once either way;
 * and after a reset, zero whatever was being read or written at that moment.
 */
class FraudCountersTest {

    private static final long T = 1_796_000_000L;
    private static final long MAX_CALL = 14_400;
    private static final Set<Counter> ALL = EnumSet.allOf(Counter.class);
    private static final String KEY = "ext:hq-cucm/2003";

    private final InMemoryCounterReplica replica = new InMemoryCounterReplica();
    private final FraudCounters counters = new FraudCounters(replica, 120, 1_000);

    @Test
    void aSubjectNotHeldIsReadFromTheClusterOnceAndThenHeld() {
        SubjectCounters first = counters.subject("ext:hq-cucm/2001", 1_000);
        assertThat(counters.subject("ext:hq-cucm/2001", 1_001)).isSameAs(first);
        assertThat(replica.reads).hasValue(1);
    }

    @Test
    void aClusterThatDoesNotAnswerCostsOneFailedReadAndTheSubjectCountsFromZero() {
        replica.silent = true;
        SubjectCounters fresh = counters.subject("ext:hq-cucm/2002", 1_000);
        assertThat(fresh).isNotNull();
        assertThat(fresh.isDirty()).as("nothing counted yet").isFalse();
        assertThat(counters.subject("ext:hq-cucm/2002", 1_001)).as("held, not read again").isSameAs(fresh);
        assertThat(replica.reads).hasValue(1);
    }

    @Test
    void aResetLandingWhileADecisionReadsTheOldCopyLeavesTheSubjectAtZero() {
        FraudCounters before = new FraudCounters(replica, 120, 1_000);
        countCalls(before, 5);
        before.flush(T, MAX_CALL);
        assertThat(replica.entries).containsKey(KEY);

        // This platform does not hold the subject: its first decision reads the copy, and the reset comes in between.
        AtomicBoolean once = new AtomicBoolean();
        replica.duringRead = () -> {
            if (once.compareAndSet(false, true)) {
                counters.reset(KEY);
            }
        };
        SubjectCounters read = counters.subject(KEY, T + 1);
        assertThat(read.read("*|*", T + 1, MAX_CALL).callsPerMinute()).as("the old copy's calls").isZero();

        countCalls(counters, 1);
        counters.flush(T + 1, MAX_CALL);
        assertThat(SubjectCounters.decode(replica.entries.get(KEY), T + 1).read("*|*", T + 1, MAX_CALL).callsPerMinute())
                .as("the cluster's copy after the next flush").isEqualTo(1);
    }

    @Test
    void aResetDuringAFlushWaitsForItSoTheOldCountsAreNotWrittenBack() throws Exception {
        countCalls(counters, 5);
        Thread reset = new Thread(() -> counters.reset(KEY));
        replica.duringWrite = () -> {
            reset.start();
            try {
                // Time for the reset to delete the copy before this write stores it, were it not held back.
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertThat(counters.flush(T, MAX_CALL)).isEqualTo(1);
        reset.join(5_000);
        assertThat(reset.isAlive()).isFalse();

        assertThat(replica.entries).as("the cluster's copy after the reset").doesNotContainKey(KEY);
        assertThat(counters.subject(KEY, T + 1).read("*|*", T + 1, MAX_CALL).callsPerMinute()).isZero();
    }

    private static void countCalls(FraudCounters on, int calls) {
        for (int i = 0; i < calls; i++) {
            on.subject(KEY, T).count("*|*", ALL, "+1900555010" + i, "c" + i, T, MAX_CALL);
            on.changed(KEY);
        }
    }
}
