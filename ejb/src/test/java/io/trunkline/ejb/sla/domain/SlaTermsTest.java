package io.trunkline.ejb.sla.domain;

import static io.trunkline.ejb.sla.domain.SlaTermsBuilder.band;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** Terms: the credit amount, the month and claim window in the contract's zone, the schedule's form, refusals by field. */
class SlaTermsTest {

    @Test
    void theCreditIsTheBandsPercentageOfTheMonthlyChargeRoundedToTheCent() {
        SlaTerms terms = SlaTermsBuilder.carrierA().charge("12000.00").build();
        assertThat(terms.credit(new BigDecimal("10"))).isEqualByComparingTo("1200.00");
        assertThat(SlaTermsBuilder.carrierA().charge("999.99").build().credit(new BigDecimal("2.5")))
                .isEqualTo(new BigDecimal("25.00"));
    }

    @Test
    void theMonthAndTheClaimWindowFollowTheContractsZone() {
        SlaTerms london = SlaTermsBuilder.carrierA().zone("Europe/London").claimWindowDays(30).build();
        YearMonth october = YearMonth.of(2026, 10);
        assertThat(london.monthStart(october)).isEqualTo(Instant.parse("2026-09-30T23:00:00Z"));
        assertThat(london.monthEnd(october)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(london.claimDeadline(october)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void theScheduleIsKeptMildestBandFirstAndReadBack() {
        SlaTerms terms = SlaTermsBuilder.carrierA().schedule(band("99.0", "25"), band("99.9", "5"), band("99.5", "10")).build();
        String text = SlaTerms.format(terms.schedule());
        assertThat(text).isEqualTo("99.9:5,99.5:10,99.0:25");
        assertThat(SlaTerms.parse(text)).isEqualTo(terms.schedule());
    }

    @Test
    void unusableTermsAreRefusedNamingTheField() {
        assertThat(TermsCheck.of(SlaTermsBuilder.carrierA().build())).isEmpty();
        assertThat(TermsCheck.of(SlaTermsBuilder.carrierA().email("claims desk").build()))
                .hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("claimsEmail"));
        assertThat(TermsCheck.of(SlaTermsBuilder.carrierA().charge("-1").build()))
                .hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("monthlyCharge.amount"));
        assertThat(TermsCheck.of(SlaTermsBuilder.carrierA().mosFloor("6").build()))
                .hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("mosFloor"));
        assertThat(TermsCheck.of(SlaTermsBuilder.carrierA().schedule().build()))
                .hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("creditSchedule"));
        assertThat(TermsCheck.of(SlaTermsBuilder.carrierA().schedule(band("99.9", "10"), band("99.0", "5")).build()))
                .hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("creditSchedule[1].creditPercent"));
        assertThat(TermsCheck.of(SlaTermsBuilder.carrierA().schedule(band("99.95", "5")).build()))
                .as("a band above the target").hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("creditSchedule[0].below"));
    }
}
