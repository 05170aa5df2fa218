package io.trunkline.rules.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.telecom.PbxId;
import io.trunkline.rules.fraud.FraudCheck.Action;
import io.trunkline.rules.fraud.FraudCheck.Counter;
import io.trunkline.rules.fraud.FraudCheck.Row;
import io.trunkline.rules.fraud.FraudCheck.Scope;
import io.trunkline.rules.testing.RulebookSessions;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped fraud rulebook: which rows apply to which calls, in order, with what they carry; every row of the
 * table applies to at least one call here (counted from the rows the fact took, since every row's consequence
 * runs for its PBX and matching happens inside it).
 */
class FraudPolicyTest {

    private static RulebookSessions rules;
    private static final Set<String> APPLIED = new HashSet<>();

    @BeforeAll
    static void compile() {
        rules = new RulebookSessions();
    }

    static FraudCheck check(String pbx, String extension, String cls, String destination, LocalTime at) {
        FraudCheck c = rules.fire("fraud-session",
                new FraudCheck(new PbxId(pbx), extension, cls, destination, at, DayOfWeek.TUESDAY));
        c.getRows().forEach(r -> APPLIED.add(r.rule()));
        return c;
    }

    static List<String> rules(FraudCheck c) {
        return c.getRows().stream().map(r -> r.rule() + " " + r.action() + (r.counter() == null ? "" : " " + r.counter()))
                .toList();
    }

    @Test
    void emergencyAndInternalCallsAreAllowedBeforeAnyOtherRow() {
        FraudCheck c = check("hq-cucm", "2001", "EMERGENCY", "911", LocalTime.NOON);
        assertThat(c.getAllowedBy()).isEqualTo("FraudPolicy_10");
        assertThat(rules(c)).containsExactly("FraudPolicy_10 ALLOW");
        assertThat(check("london-teams", "5001", "INTERNAL", "5002", LocalTime.MIDNIGHT).getRows()).hasSize(1);
    }

    @Test
    void highRiskRangesAreBlockedWhateverTheClass() {
        FraudCheck c = check("hq-cucm", "2001", "INTERNATIONAL", "+5371234567", LocalTime.NOON);
        Row blocked = c.getRows().get(0);
        assertThat(blocked.action()).isEqualTo(Action.BLOCK);
        assertThat(blocked.counter()).isNull();
        assertThat(blocked.prefix()).isEqualTo("+53");
        assertThat(check("hq-cucm", "2001", "PREMIUM", "+8816123456", LocalTime.NOON).getRows().get(0).prefix())
                .isEqualTo("+881");
    }

    @Test
    void londonMayCallAbroadDuringOfficeHoursOnly() {
        assertThat(rules(check("london-teams", "5001", "INTERNATIONAL", "+14165550123", LocalTime.of(21, 0))))
                .contains("FraudPolicy_12 BLOCK");
        assertThat(rules(check("london-teams", "5001", "INTERNATIONAL", "+14165550123", LocalTime.of(10, 0))))
                .noneMatch(r -> r.startsWith("FraudPolicy_12"));
        // Another PBX at the same hour: the row does not apply.
        assertThat(rules(check("hq-cucm", "2001", "INTERNATIONAL", "+14165550123", LocalTime.of(21, 0))))
                .noneMatch(r -> r.startsWith("FraudPolicy_12"));
    }

    @Test
    void premiumCallsAreCountedPerExtension() {
        FraudCheck c = check("hq-cucm", "2001", "PREMIUM", "+19005550100", LocalTime.NOON);
        Row perMinute = c.getRows().stream().filter(r -> r.counter() == Counter.CALLS_PER_MINUTE).findFirst().orElseThrow();
        assertThat(perMinute.scope()).isEqualTo(Scope.EXTENSION);
        assertThat(perMinute.warning()).isEqualByComparingTo("3");
        assertThat(perMinute.critical()).isEqualByComparingTo("5");
        assertThat(perMinute.action()).isEqualTo(Action.BLOCK);
        assertThat(perMinute.filter()).isEqualTo("PREMIUM|*");
        assertThat(c.getRows()).extracting(Row::counter).contains(Counter.CONCURRENT_CALLS, Counter.SPEND_PER_HOUR,
                Counter.SHORT_CALL_RATIO);
    }

    @Test
    void internationalRowsCarryTheirScopesAndLevels() {
        FraudCheck c = check("hq-cucm", "2001", "INTERNATIONAL", "+442071234567", LocalTime.NOON);
        Row distinct = c.getRows().stream().filter(r -> r.counter() == Counter.DISTINCT_DESTINATIONS_PER_HOUR)
                .findFirst().orElseThrow();
        assertThat(distinct.action()).isEqualTo(Action.BLOCK_SOURCE);
        assertThat(distinct.blockFor()).isEqualTo("1h");
        Row prefix = c.getRows().stream().filter(r -> r.scope() == Scope.PREFIX).findFirst().orElseThrow();
        assertThat(prefix.prefix()).isEqualTo("+44");
        assertThat(prefix.filter()).isEqualTo("INTERNATIONAL|+44 +49 +33");
        Row ratio = c.getRows().stream().filter(r -> r.counter() == Counter.SHORT_CALL_RATIO).findFirst().orElseThrow();
        assertThat(ratio.minCalls()).isEqualTo(50);
        assertThat(ratio.scope()).isEqualTo(Scope.PBX);
        Row spend = c.getRows().stream().filter(r -> r.counter() == Counter.SPEND_PER_HOUR).findFirst().orElseThrow();
        assertThat(spend.critical()).isEqualTo(new BigDecimal("500"));
        // A destination outside the prefix row's ranges is not counted by it.
        assertThat(check("hq-cucm", "2001", "INTERNATIONAL", "+34911234567", LocalTime.NOON).getRows())
                .noneMatch(r -> r.scope() == Scope.PREFIX);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {2} {3} at {4}")
    @org.junit.jupiter.params.provider.CsvSource({
            "hq-cucm, 2001, PREMIUM, +19005550100, 10:00",
            "hq-cucm, 2001, INTERNATIONAL, +442071234567, 10:00",
            "hq-cucm, 2001, INTERNATIONAL, +5371234567, 10:00",
            "london-teams, 5001, INTERNATIONAL, +14165550123, 21:00",
            "london-teams, 5001, INTERNATIONAL, +14165550123, 09:00",
            "branch-asterisk, 2001, EMERGENCY, 911, 03:00",
            "branch-asterisk, 2001, DOMESTIC, +13125550199, 03:00",
    })
    void rowsCollectedOncePerPbxApplyToACallAsFiringTheRulebookDoes(String pbx, String ext, String cls, String to,
                                                                    String at) {
        LocalTime time = LocalTime.parse(at);
        FraudCheck fired = check(pbx, ext, cls, to, time);
        FraudCheck collected = rules.fire("fraud-session", FraudCheck.collecting(new PbxId(pbx)));
        assertThat(collected.getRows()).as("collecting takes no row itself").isEmpty();
        FraudCheck applied = FraudCheck.applying(collected.getSpecs(), new PbxId(pbx), ext, cls, to, time, DayOfWeek.TUESDAY);
        assertThat(applied.getRows()).isEqualTo(fired.getRows());
        assertThat(applied.getAllowedBy()).isEqualTo(fired.getAllowedBy());
    }

    @AfterAll
    static void everyTableRowApplied() {
        assertThat(APPLIED).as("rows applied").hasSize(FraudPolicyTableSource.shipped().rowCount());
    }
}
