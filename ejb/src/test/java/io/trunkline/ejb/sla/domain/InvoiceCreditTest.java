package io.trunkline.ejb.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A claim's credit found among invoice lines by carrier, currency, amount, a later period and its reference or month. */
class InvoiceCreditTest {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    private static InvoiceCredit.Line line(String carrier, String currency, String amount, String callId, String called,
                                           String periodEnd) {
        return new InvoiceCredit.Line(carrier, "INV-11", LocalDate.parse(periodEnd).withDayOfMonth(1),
                LocalDate.parse(periodEnd), currency, 4, callId, called, new BigDecimal(amount));
    }

    private static boolean found(InvoiceCredit.Line l) {
        return InvoiceCredit.find(List.of(l), "carrier-a", OCTOBER, "SLA-7", new BigDecimal("1200.00"), "EUR").isPresent();
    }

    @Test
    void aCreditLineQuotingTheReferenceOrTheMonthMatchesInEitherSign() {
        assertThat(found(line("carrier-a", "EUR", "-1200.00", "SLA-7", "SLA credit", "2026-11-30"))).isTrue();
        assertThat(found(line("carrier-a", "EUR", "1200", "CREDIT", "SLA credit 2026-10", "2026-11-30"))).isTrue();
    }

    @Test
    void otherLinesDoNotMatch() {
        assertThat(found(line("carrier-b", "EUR", "-1200.00", "SLA-7", "SLA credit", "2026-11-30"))).as("carrier").isFalse();
        assertThat(found(line("carrier-a", "USD", "-1200.00", "SLA-7", "SLA credit", "2026-11-30"))).as("currency").isFalse();
        assertThat(found(line("carrier-a", "EUR", "-1199.99", "SLA-7", "SLA credit", "2026-11-30"))).as("amount").isFalse();
        assertThat(found(line("carrier-a", "EUR", "-1200.00", "SLA-7", "SLA credit", "2026-10-31"))).as("the month itself")
                .isFalse();
        assertThat(found(line("carrier-a", "EUR", "1200.00", "call-991", "+442071234567", "2026-11-30"))).as("a call")
                .isFalse();
        assertThat(found(line("carrier-a", "EUR", "-1200.00", "SLA-77", "credit 2026-09", "2026-11-30")))
                .as("another claim's reference").isFalse();
    }
}
