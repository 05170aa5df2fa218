package io.trunkline.ejb.failover.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.contract.testcall.TestCallResult;
import io.trunkline.contract.testcall.TestCallResult.Attempt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drill's verdict from its calls: each expectation that can fail, and the report it writes. */
class DrillVerdictTest {

    private static final DrillVerdict.Expectation ANY_OTHER = new DrillVerdict.Expectation("carrier-a", null, 500);
    private static final List<String> ONE = List.of("+442079460123");

    @Test
    void aCallCarriedByTheNextCarrierWithinTheLimitPasses() {
        DrillVerdict v = DrillVerdict.judge(ANY_OTHER, ONE, List.of(call("b1").by("carrier-a", 120).build()),
                List.of(call("d1").skipped("carrier-a").by("carrier-b", 400).build()));
        assertThat(v.passed()).isTrue();
        assertThat(v.lines().get(0).addedSetupMs()).isEqualTo(280L);
        assertThat(v.text()).startsWith("Failover drill of carrier-a: PASSED")
                .contains("drill    ANSWERED 200 by carrier-b in 400 ms [carrier-a skipped, carrier-b 200] (test call d1, call call-d1)")
                .contains("added setup 280 ms");
        Map<String, Object> json = v.json();
        assertThat(json).containsEntry("passed", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> drill = (Map<String, Object>) ((List<Map<String, Object>>) json.get("calls")).get(0).get("drill");
        assertThat(drill).containsEntry("testCall", "d1").containsEntry("callId", "call-d1")
                .containsEntry("down", List.of("carrier-a")).containsEntry("answeredBy", "carrier-b");
    }

    @Test
    void eachBrokenExpectationFailsTheDrillAndSaysWhy() {
        fails(call("d").by("carrier-a", 100).build(), "answered by the carrier under test carrier-a");
        fails(call("d").skipped("carrier-a").attempt("carrier-b", 503).failed(503).build(), "drill call not answered: FAILED 503");
        fails(call("d").attempt("carrier-a", 503).by("carrier-b", 300).build(),
                "the carrier under test carrier-a was tried although down for the drill");
        fails(call("d").skipped("carrier-a").by("carrier-b", 721).build(), "failover added 601 ms of setup time, over the limit of 500 ms");
        DrillVerdict expectC = DrillVerdict.judge(new DrillVerdict.Expectation("carrier-a", "carrier-c", 500), ONE,
                List.of(call("b").by("carrier-a", 120).build()), List.of(call("d").skipped("carrier-a").by("carrier-b", 130).build()));
        assertThat(expectC.passed()).isFalse();
        assertThat(expectC.lines().get(0).findings()).containsExactly("answered by carrier-b, not by the expected carrier-c");
    }

    @Test
    void aFailedBaselineIsReportedAndTheDrillCallJudgedAlone() {
        DrillVerdict v = DrillVerdict.judge(ANY_OTHER, ONE, List.of(call("b").attempt("carrier-a", 503).by("carrier-b", 900).failedBaseline()),
                List.of(call("d").skipped("carrier-a").by("carrier-b", 9000).build()));
        assertThat(v.passed()).isTrue();
        assertThat(v.lines().get(0).addedSetupMs()).isNull();
        assertThat(v.lines().get(0).findings()).singleElement().asString().startsWith("baseline call not answered (TIMEOUT 408)");
    }

    @Test
    void oneFailedNumberFailsTheWholeDrillAndCallsMustPairWithNumbers() {
        List<String> two = List.of("+442079460123", "+442079460124");
        TestCallResult base = call("b").by("carrier-a", 100).build();
        DrillVerdict v = DrillVerdict.judge(ANY_OTHER, two, List.of(base, base),
                List.of(call("d1").skipped("carrier-a").by("carrier-b", 100).build(), call("d2").skipped("carrier-a").failed(480).build()));
        assertThat(v.passed()).isFalse();
        assertThat(v.lines()).extracting(DrillVerdict.Line::passed).containsExactly(true, false);
        assertThat(v.text()).startsWith("Failover drill of carrier-a: FAILED (1 of 2 drill calls)");
        assertThatThrownBy(() -> DrillVerdict.judge(ANY_OTHER, two, List.of(base), List.of(base, base)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void fails(TestCallResult drill, String finding) {
        DrillVerdict v = DrillVerdict.judge(ANY_OTHER, ONE, List.of(call("b").by("carrier-a", 120).build()), List.of(drill));
        assertThat(v.passed()).as(finding).isFalse();
        assertThat(v.lines().get(0).findings()).as(v.text()).contains(finding);
    }

    private static CallBuilder call(String id) {
        return new CallBuilder(id);
    }

    /** Builds a test call's result attempt by attempt. */
    private static final class CallBuilder {
        private final String id;
        private final List<Attempt> attempts = new ArrayList<>();
        private TestCallResult.Outcome outcome = TestCallResult.Outcome.FAILED;
        private int code;
        private String answeredBy;
        private Long setupMs;

        CallBuilder(String id) {
            this.id = id;
        }

        CallBuilder skipped(String target) {
            attempts.add(new Attempt(target, null, true, "down for test call"));
            return this;
        }

        CallBuilder attempt(String target, int sipCode) {
            attempts.add(new Attempt(target, sipCode, false, null));
            return this;
        }

        CallBuilder by(String target, long setup) {
            attempts.add(new Attempt(target, 200, false, null));
            outcome = TestCallResult.Outcome.ANSWERED;
            code = 200;
            answeredBy = target;
            setupMs = setup;
            return this;
        }

        CallBuilder failed(int sipCode) {
            outcome = TestCallResult.Outcome.FAILED;
            code = sipCode;
            return this;
        }

        TestCallResult failedBaseline() {
            return new TestCallResult(id, "call-" + id, TestCallResult.Outcome.TIMEOUT, 408, null, null, attempts, "timed out");
        }

        TestCallResult build() {
            return new TestCallResult(id, "call-" + id, outcome, code, answeredBy, setupMs, attempts, null);
        }
    }
}
