package io.trunkline.edge.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallAdmissionsTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger judged = new AtomicInteger();
    private final Deque<Boolean> answers = new ArrayDeque<>();
    private final OverloadControl judge = new OverloadControl() {
        @Override
        public boolean admitNewCall() {
            judged.incrementAndGet();
            return answers.isEmpty() || answers.poll();
        }

        @Override
        public int retryAfterSeconds() {
            return 4;
        }

        @Override
        public void decided(long nanos) {
        }
    };

    @Test
    void aCallIsJudgedOnceWhereverItsInviteIsSeen() {
        CallAdmissions admissions = new CallAdmissions(judge, clock::get, 32_000, 10);
        answers.add(true);
        answers.add(false);
        assertThat(admissions.admit("a")).isTrue();
        assertThat(admissions.admit("b")).isFalse();
        // The B2BUA's own look, and retransmissions: the first answer stands whatever the judge would say now.
        answers.add(false);
        answers.add(true);
        assertThat(admissions.admit("a")).isTrue();
        assertThat(admissions.admit("b")).isFalse();
        assertThat(judged).hasValue(2);
        assertThat(admissions.retryAfterSeconds()).isEqualTo(4);
    }

    @Test
    void aRetryAfterARefusalIsANewAttemptJudgedAfreshButItsRetransmissionsAreNot() {
        CallAdmissions admissions = new CallAdmissions(judge, clock::get, 32_000, 10);
        answers.add(false);
        answers.add(true);
        assertThat(admissions.admit(OverloadControl.attempt("c", 1))).isFalse();
        assertThat(admissions.admit(OverloadControl.attempt("c", 1))).as("retransmission").isFalse();
        // The caller's retry after Retry-After: same Call-ID, the next CSeq.
        assertThat(admissions.admit(OverloadControl.attempt("c", 2))).isTrue();
        assertThat(judged).hasValue(2);
    }

    @Test
    void answersAreKeptTwoGenerationsThenTheCallIsJudgedAfresh() {
        CallAdmissions admissions = new CallAdmissions(judge, clock::get, 1_000, 10);
        admissions.admit("a");
        clock.set(1_500_000_000L); // one rotation: "a" is in the previous generation
        admissions.admit("a");
        assertThat(judged).hasValue(1);
        clock.set(2_600_000_000L); // a second rotation: forgotten
        admissions.admit("a");
        assertThat(judged).hasValue(2);
    }

    @Test
    void aFloodOfNewCallIdsCannotGrowTheMemory() {
        CallAdmissions admissions = new CallAdmissions(judge, clock::get, 1_000, 100);
        for (int i = 0; i < 10_000; i++) {
            admissions.admit("flood-" + i);
        }
        assertThat(admissions.remembered()).isEqualTo(100);
        assertThat(judged).hasValue(10_000);
    }
}
