package io.trunkline.ejb.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a subject's counts start: the cluster's copy when it answers, zero when it does not, read once either way. */
class FraudCountersTest {

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
}
