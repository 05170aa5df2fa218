package io.trunkline.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import io.trunkline.rules.testing.RulebookSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped routing-policy rulebook: every row, the first-match order, and the no-policy refusal. */
class RoutingPolicyTest {

    private static RulebookSessions rules;

    @BeforeAll
    static void compile() {
        rules = new RulebookSessions();
    }

    static PolicyQuery policy(String pbx, String cls, String destination) {
        return rules.fire("routing-session", new PolicyQuery(new io.trunkline.contract.telecom.PbxId(pbx), cls, destination, LocalTime.of(10, 0), DayOfWeek.TUESDAY));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} [{4}]")
    @CsvSource(nullValues = "-", value = {
            "hq-cucm, EMERGENCY, 911, PRIORITY, '', MAIN_NUMBER, -",
            "hq-cucm, INTERNAL, 2001, PRIORITY, '', MAIN_NUMBER, -",
            "hq-cucm, PREMIUM, +19005550100, REJECT, '', MAIN_NUMBER, -",
            "hq-cucm, INTERNATIONAL, +14165550123, PRIORITY, carrier-b carrier-a, MAIN_NUMBER, -",
            "hq-cucm, INTERNATIONAL, +442071234567, PRIORITY, carrier-a carrier-b, MAIN_NUMBER, 1.00",
            "hq-cucm, TOLL_FREE, +18005550100, PRIORITY, carrier-a carrier-b, MAIN_NUMBER, -",
            "branch-asterisk, DOMESTIC, +12125551234, WEIGHTED, carrier-a:70 carrier-b:30, MAIN_NUMBER, -",
            "hq-cucm, DOMESTIC, +13125550199, LEAST_COST, carrier-a carrier-c, PREFER_HOLDER, -",
            "london-teams, MOBILE, +447700900123, LEAST_COST, carrier-a carrier-c, MAIN_NUMBER, -",
    })
    void everyRowChoosesItsPolicy(String pbx, String cls, String dest, String strategy, String carriers,
                                  String callerId, String maxRate) {
        PolicyQuery q = policy(pbx, cls, dest);
        assertThat(q.getStrategy()).isEqualTo(strategy);
        assertThat(q.getCarriers()).isEqualTo(carriers);
        assertThat(q.getCallerId()).isEqualTo(callerId);
        assertThat(q.getMaxRate() == null ? null : q.getMaxRate().toPlainString()).isEqualTo(maxRate);
        assertThat(q.getDecidedBy()).startsWith("RoutingPolicy_");
    }

    @Test
    void domesticRowCarriesItsQualityFloor() {
        PolicyQuery q = policy("hq-cucm", "DOMESTIC", "+13125550199");
        assertThat(q.getMinAsr()).isEqualTo(40.0);
        assertThat(q.getMinMos()).isEqualTo(3.5);
        assertThat(q.getFloorAction()).isEqualTo("LAST");
    }

    @Test
    void callNoRowCoversIsRefused() {
        PolicyQuery q = policy("hq-cucm", "SATELLITE", "+8816");
        assertThat(q.getStrategy()).isNull();
        assertThat(q.getRejection()).isEqualTo("no routing policy for SATELLITE calls to +8816 from hq-cucm");
    }

    @Test
    void timeWindows() {
        TimeWindow office = TimeWindow.parse("08:00-18:00 Mon-Fri");
        assertThat(office.contains(DayOfWeek.MONDAY, LocalTime.of(8, 0))).isTrue();
        assertThat(office.contains(DayOfWeek.MONDAY, LocalTime.of(18, 0))).isFalse();
        assertThat(office.contains(DayOfWeek.SATURDAY, LocalTime.of(10, 0))).isFalse();
        TimeWindow night = TimeWindow.parse("22:00-06:00 Fri");
        assertThat(night.contains(DayOfWeek.FRIDAY, LocalTime.of(23, 0))).isTrue();
        assertThat(night.contains(DayOfWeek.SATURDAY, LocalTime.of(5, 59))).isTrue();
        assertThat(night.contains(DayOfWeek.FRIDAY, LocalTime.of(5, 0))).isFalse();
        assertThat(TimeWindow.parse("Sat,Sun").contains(DayOfWeek.SUNDAY, LocalTime.NOON)).isTrue();
        assertThatThrownBy(() -> TimeWindow.parse("8-18")).hasMessageContaining("is not HH:MM-HH:MM");
        assertThatThrownBy(() -> TimeWindow.parse("09:00-17:00 Funday")).hasMessageContaining("'Funday' is not a day");
    }

    @AfterAll
    static void everyTableRowFired() {
        assertThat(rules.coverage().rowsFired("RoutingPolicy")).as("fired: %s", rules.coverage().fired())
                .isEqualTo(RoutingPolicyTableSource.shipped().rowCount());
    }
}
