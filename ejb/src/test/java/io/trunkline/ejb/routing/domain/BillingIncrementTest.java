package io.trunkline.ejb.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillingIncrementTest {

    @Test
    void billsFirstBlockThenWholeFurtherBlocks() {
        assertThat(BillingIncrement.parse("60/60").billedSeconds(61)).isEqualTo(120);
        assertThat(BillingIncrement.parse("6/6").billedSeconds(61)).isEqualTo(66);
        assertThat(BillingIncrement.parse("30/6").billedSeconds(10)).isEqualTo(30);
        assertThat(BillingIncrement.parse("30/6").billedSeconds(31)).isEqualTo(36);
        assertThat(BillingIncrement.parse("1/1").billedSeconds(61)).isEqualTo(61);
        assertThat(BillingIncrement.parse("60/60").billedSeconds(0)).isZero();
        assertThatThrownBy(() -> BillingIncrement.parse("per minute")).hasMessageContaining("first/next");
    }

    @Test
    void rateTableTakesTheLongestPrefixInEffectOnTheDay() {
        LocalDate jan = LocalDate.of(2026, 1, 1);
        LocalDate jul = LocalDate.of(2026, 7, 1);
        RateTable t = RateTable.of(List.of(
                new Rate("44", new BigDecimal("0.02"), null, BigDecimal.ZERO, jan, null),
                new Rate("447", new BigDecimal("0.05"), null, BigDecimal.ZERO, jan, null),
                new Rate("447", new BigDecimal("0.04"), null, BigDecimal.ZERO, jul, null)));
        assertThat(t.lookup("447700900123", LocalDate.of(2026, 3, 1)).orElseThrow().peakPerMinute()).isEqualByComparingTo("0.05");
        assertThat(t.lookup("447700900123", LocalDate.of(2026, 7, 1)).orElseThrow().peakPerMinute()).isEqualByComparingTo("0.04");
        assertThat(t.lookup("442071234567", LocalDate.of(2026, 7, 1)).orElseThrow().prefix()).isEqualTo("44");
        assertThat(t.lookup("33142685300", LocalDate.of(2026, 7, 1))).isEmpty();
        assertThat(t.lookup("447700900123", LocalDate.of(2025, 12, 31))).isEmpty();
    }
}
