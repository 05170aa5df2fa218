package io.trunkline.camel.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A carrier's invoice as sent: its number, period and currency, the totals it states, its call lines, and the
 * lines set aside. {@code linesRead = lines.size() + rejected.size()}.
 */
public record InvoiceFile(String fileName, String carrier, String sha256, String number, LocalDate periodStart,
                          LocalDate periodEnd, String currency, long statedSeconds, BigDecimal statedAmount,
                          int linesRead, List<Line> lines, List<RejectedLine> rejected) {

    /** One call the carrier bills. */
    public record Line(int lineNumber, String callId, Instant startedAt, String calling, String called,
                       long billedSeconds, BigDecimal ratePerMinute, BigDecimal amount) {
    }

    public InvoiceFile {
        lines = List.copyOf(lines);
        rejected = List.copyOf(rejected);
    }

    public BigDecimal linesAmount() {
        return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public long linesSeconds() {
        return lines.stream().mapToLong(Line::billedSeconds).sum();
    }
}
