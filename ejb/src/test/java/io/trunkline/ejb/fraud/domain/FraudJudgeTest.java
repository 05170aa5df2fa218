package io.trunkline.ejb.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.telecom.PbxId;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.fraud.FraudCheck;
import io.trunkline.rules.fraud.FraudCheck.Counter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

/**
 * The shipped fraud rulebook judged over counters held in memory, with a cluster copy in a map: a burst crossing
 * its line, restrictions, spend blocking a PBX for its duration, and counts surviving a restart of the platform.
 */
class FraudJudgeTest {

    private static final Instant T = Instant.parse("2026-12-01T15:00:00Z");
    private static final PbxId HQ = new PbxId("hq-cucm");
    private static RulebookRegistry rules;

    private final InMemoryCounterReplica replica = new InMemoryCounterReplica();
    private final FraudCounters counters = new FraudCounters(replica, 120, 50_000);
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();
    private final FraudJudge judge = new FraudJudge(counters, s -> Optional.ofNullable(blocks.get(s)), 14_400);

    @BeforeAll
    static void compileShippedRulebooks() {
        ClassLoader cl = Rulebook.class.getClassLoader();
        rules = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
    }

    static FraudCheck rows(FraudJudge.Call call, LocalTime siteTime) {
        FraudCheck check = new FraudCheck(call.pbx(), call.extension(), call.callClass(), call.destination(), siteTime,
                DayOfWeek.TUESDAY);
        KieSession s = rules.active(Rulebook.FRAUD).newSession();
        try {
            s.insert(check);
            s.fireAllRules();
        } finally {
            s.dispose();
        }
        return check;
    }

    private FraudJudge.Verdict call(String id, String extension, String cls, String to, Instant at) {
        FraudJudge.Call c = new FraudJudge.Call(id, HQ, extension, cls, to);
        FraudJudge.Verdict v = judge.judge(c, rows(c, LocalTime.of(10, 0)), at);
        v.newBlocks().forEach(b -> blocks.put(b.subject(), b));
        return v;
    }

    /** A short call: decided, then its end reported (so it holds no channel when the next is decided). */
    private FraudJudge.Verdict shortCall(String id, String extension, String cls, String to, Instant at) {
        FraudJudge.Verdict v = call(id, extension, cls, to, at);
        FraudJudge.Call c = new FraudJudge.Call(id, HQ, extension, cls, to);
        judge.ended(c, rows(c, LocalTime.of(10, 0)), true, true, BigDecimal.ONE, at);
        return v;
    }

    @Test
    void aPremiumBurstIsAlertedAtItsWarningAndRefusedFromTheCallThatReachesItsCriticalLevel() {
        assertThat(shortCall("c1", "2001", "PREMIUM", "+19005550100", T).outcome()).isEqualTo(FraudJudge.Outcome.ALLOW);
        assertThat(shortCall("c2", "2001", "PREMIUM", "+19005550100", T.plusSeconds(1)).outcome()).isEqualTo(FraudJudge.Outcome.ALLOW);
        FraudJudge.Verdict third = shortCall("c3", "2001", "PREMIUM", "+19005550100", T.plusSeconds(2));
        assertThat(third.outcome()).isEqualTo(FraudJudge.Outcome.ALERT);
        assertThat(third.hits()).anySatisfy(h -> {
            assertThat(h.level()).isEqualTo("WARNING");
            assertThat(h.counter()).isEqualTo(Counter.CALLS_PER_MINUTE);
            assertThat(h.value()).isEqualByComparingTo("3");
        });
        shortCall("c4", "2001", "PREMIUM", "+19005550100", T.plusSeconds(3));
        FraudJudge.Verdict fifth = shortCall("c5", "2001", "PREMIUM", "+19005550100", T.plusSeconds(4));
        assertThat(fifth.outcome()).isEqualTo(FraudJudge.Outcome.BLOCK);
        FraudJudge.Hit hit = fifth.hits().stream().filter(h -> h.level().equals("CRITICAL")).findFirst().orElseThrow();
        assertThat(hit.rule()).isEqualTo("FraudPolicy_13");
        assertThat(hit.subject()).isEqualTo("ext:hq-cucm/2001");
        assertThat(hit.value()).isEqualByComparingTo("5");
        assertThat(hit.threshold()).isEqualByComparingTo("5");
        assertThat(fifth.trace()).anyMatch(l -> l.contains("FraudPolicy_13") && l.contains("CALLS_PER_MINUTE")
                && l.contains("= 5") && l.contains("critical 5") && l.contains("BLOCK"));
        assertThat(shortCall("c6", "2001", "PREMIUM", "+19005550100", T.plusSeconds(5)).outcome()).isEqualTo(FraudJudge.Outcome.BLOCK);
        // Another extension of the same PBX is not held back.
        assertThat(shortCall("d1", "2002", "PREMIUM", "+19005550100", T.plusSeconds(5)).outcome()).isEqualTo(FraudJudge.Outcome.ALLOW);
        // A reset of the extension's counters lets its next call through.
        counters.reset("ext:hq-cucm/2001");
        assertThat(shortCall("c7", "2001", "PREMIUM", "+19005550100", T.plusSeconds(6)).outcome()).isEqualTo(FraudJudge.Outcome.ALLOW);
    }

    @Test
    void refusedCallsHoldNoChannelInTheConcurrencyCounter() {
        for (int i = 0; i < 8; i++) {
            call("p" + i, "3001", "PREMIUM", "+19005550100", T.plusSeconds(i * 20L));
        }
        // Calls 1-3 went (concurrency 3 → 4 reached critical 4 on the fourth, refused), later ones were refused.
        assertThat(counters.subject("ext:hq-cucm/3001", T.getEpochSecond()).read("PREMIUM|*", T.plusSeconds(200).getEpochSecond(),
                14_400).concurrent()).isEqualTo(3);
    }

    @Test
    void highRiskRangesAreRefusedAndEmergencyRowsAllowed() {
        FraudJudge.Verdict cuba = call("h1", "2001", "INTERNATIONAL", "+5371234567", T);
        assertThat(cuba.outcome()).isEqualTo(FraudJudge.Outcome.BLOCK);
        assertThat(cuba.hits().get(0).level()).isEqualTo("RESTRICTION");
        assertThat(call("e1", "2001", "INTERNAL", "2002", T).outcome()).isEqualTo(FraudJudge.Outcome.ALLOW);
    }

    @Test
    void aPbxWhoseSpendCrossesItsLimitIsBlockedForTheRowsDurationThenCountsAfresh() {
        FraudJudge.Call c = new FraudJudge.Call("s1", HQ, "2001", "INTERNATIONAL", "+442071234567");
        FraudCheck check = rows(c, LocalTime.of(10, 0));
        judge.judge(c, check, T);
        judge.ended(c, check, true, false, new BigDecimal("520.00"), T.plusSeconds(60));
        FraudJudge.Verdict next = call("s2", "2009", "INTERNATIONAL", "+442071234568", T.plusSeconds(61));
        assertThat(next.outcome()).isEqualTo(FraudJudge.Outcome.BLOCK);
        assertThat(next.newBlocks()).singleElement().satisfies(b -> {
            assertThat(b.subject()).isEqualTo("pbx:hq-cucm");
            assertThat(b.until()).isEqualTo(T.plusSeconds(61).plusSeconds(3_600));
        });
        // Blocked: every extension of the PBX is refused, without counting.
        FraudJudge.Verdict during = call("s3", "2010", "DOMESTIC", "+12125550123", T.plusSeconds(120));
        assertThat(during.outcome()).isEqualTo(FraudJudge.Outcome.BLOCK);
        assertThat(during.hits().get(0).level()).isEqualTo("BLOCKED");
        // After the block, the spend that caused it no longer counts: the PBX calls again.
        assertThat(call("s4", "2010", "DOMESTIC", "+12125550123", T.plusSeconds(61 + 3_601)).outcome())
                .isEqualTo(FraudJudge.Outcome.ALLOW);
    }

    @Test
    void countsSurviveARestartOfThePlatformThroughTheClusterCopy() {
        for (int i = 0; i < 4; i++) {
            call("r" + i, "4001", "PREMIUM", "+19005550100", T.plusSeconds(i));
        }
        counters.flush(T.plusSeconds(4).getEpochSecond(), 14_400);
        FraudCounters restarted = new FraudCounters(replica, 120, 50_000);
        FraudJudge again = new FraudJudge(restarted, s -> Optional.empty(), 14_400);
        FraudJudge.Call fifth = new FraudJudge.Call("r5", HQ, "4001", "PREMIUM", "+19005550100");
        assertThat(again.judge(fifth, rows(fifth, LocalTime.NOON), T.plusSeconds(5)).outcome())
                .isEqualTo(FraudJudge.Outcome.BLOCK);
    }

    @Test
    void extensionsAreKeyedSafelyWhateverThePbxSends() {
        assertThat(FraudJudge.extensionKey(new FraudJudge.Call("x", HQ, "John Doe<sip:1@x>", "DOMESTIC", "+1")))
                .isEqualTo("ext:hq-cucm/John_Doe_sip_1_x_");
        assertThat(FraudJudge.extensionKey(new FraudJudge.Call("x", HQ, null, "DOMESTIC", "+1"))).isEqualTo("ext:hq-cucm/anonymous");
        assertThat(FraudJudge.openKey("y".repeat(1024))).hasSizeLessThanOrEqualTo(16);
    }
}
