package io.trunkline.ejb.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.rules.fraud.FraudCheck.Counter;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sliding windows, the capped sets, and the compact copy that carries them through the cluster. */
class SubjectCountersTest {

    private static final long T = 1_796_000_000L;
    private static final long MAX_CALL = 14_400;
    private static final Set<Counter> ALL = EnumSet.allOf(Counter.class);

    @Test
    void callsPerMinuteSlideOutOfTheWindow() {
        SubjectCounters s = new SubjectCounters();
        for (int i = 0; i < 5; i++) {
            s.count("PREMIUM|*", ALL, "+1900555010" + i, "c" + i, T + i, MAX_CALL);
        }
        assertThat(s.read("PREMIUM|*", T + 5, MAX_CALL).callsPerMinute()).isEqualTo(5);
        // The window is six 10-second buckets: a minute and a bucket later none of them counts.
        assertThat(s.read("PREMIUM|*", T + 70, MAX_CALL).callsPerMinute()).isZero();
        assertThat(s.read("PREMIUM|*", T + 5, MAX_CALL).distinctDestinations()).isEqualTo(5);
        assertThat(s.read("PREMIUM|*", T + 5, MAX_CALL).concurrent()).isEqualTo(5);
        assertThat(s.read("OTHER|*", T + 5, MAX_CALL).callsPerMinute()).isZero();
    }

    @Test
    void endsCloseCallsAndAddSpendAndShortCallsForAnHour() {
        SubjectCounters s = new SubjectCounters();
        s.count("*|*", ALL, "+442071234567", "a", T, MAX_CALL);
        s.count("*|*", ALL, "+442071234568", "b", T, MAX_CALL);
        s.ended("*|*", "a", true, true, 1_500_000, T + 5);
        s.ended("*|*", "b", true, false, 2_250_000, T + 90);
        SubjectCounters.Values v = s.read("*|*", T + 100, MAX_CALL);
        assertThat(v.concurrent()).isZero();
        assertThat(v.answered()).isEqualTo(2);
        assertThat(v.of(Counter.SHORT_CALL_RATIO)).isEqualByComparingTo("50.0");
        assertThat(v.of(Counter.SPEND_PER_HOUR)).isEqualByComparingTo(new BigDecimal("3.75"));
        assertThat(s.read("*|*", T + 3_700, MAX_CALL).spendMicros()).isZero();
    }

    @Test
    void callsWhoseEndIsNeverReportedStopCountingAfterTheLongestCall() {
        SubjectCounters s = new SubjectCounters();
        s.count("*|*", ALL, "+1", "lost", T, 60);
        assertThat(s.read("*|*", T + 30, 60).concurrent()).isEqualTo(1);
        assertThat(s.read("*|*", T + 61, 60).concurrent()).isZero();
    }

    @Test
    void setsAreCappedSoOneSubjectCannotGrowWithoutBound() {
        SubjectCounters s = new SubjectCounters();
        for (int i = 0; i < 5_000; i++) {
            s.count("*|*", ALL, "+1212555" + i, "call-" + i, T, MAX_CALL);
        }
        SubjectCounters.Values v = s.read("*|*", T, MAX_CALL);
        assertThat(v.distinctDestinations()).isEqualTo(WindowCounters.MAX_TRACKED);
        assertThat(v.concurrent()).isEqualTo(WindowCounters.MAX_TRACKED);
        assertThat(v.callsPerMinute()).isEqualTo(5_000);
    }

    @Test
    void theCopyCarriesEveryWindowAndStaysSmall() {
        SubjectCounters s = new SubjectCounters();
        s.count("PREMIUM|*", EnumSet.of(Counter.CALLS_PER_MINUTE), "+19005550100", "x", T, MAX_CALL);
        byte[] small = s.encode(T);
        assertThat(small.length).as("a subject that called once, counting calls only").isLessThan(40);
        s.count("*|*", ALL, "+442071234567", "a", T, MAX_CALL);
        s.ended("*|*", "a", true, false, 1_000_000, T + 20);
        SubjectCounters back = SubjectCounters.decode(s.encode(T + 20), T + 20);
        assertThat(back.read("PREMIUM|*", T + 20, MAX_CALL)).isEqualTo(s.read("PREMIUM|*", T + 20, MAX_CALL));
        assertThat(back.read("*|*", T + 20, MAX_CALL)).isEqualTo(s.read("*|*", T + 20, MAX_CALL));
        assertThatThrownBy(() -> SubjectCounters.decode(new byte[]{9}, T)).hasMessageContaining("format 9");
        assertThatThrownBy(() -> SubjectCounters.decode(new byte[]{1, 0, 1}, T)).hasMessageContaining("unreadable");
    }

    @Test
    void aChangedSubjectIsWrittenOnceUntilItChangesAgain() {
        SubjectCounters s = new SubjectCounters();
        assertThat(s.takeDirty(T, MAX_CALL)).isNull();
        s.count("*|*", ALL, "+1", "c", T, MAX_CALL);
        assertThat(s.takeDirty(T, MAX_CALL)).isNotNull();
        assertThat(s.takeDirty(T, MAX_CALL)).isNull();
    }
}
