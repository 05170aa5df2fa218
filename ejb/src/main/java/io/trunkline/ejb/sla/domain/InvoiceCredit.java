package io.trunkline.ejb.sla.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a claim's credit among the lines of a carrier's invoices. Carriers write credits in their own ways: as a
 * negative line or as a positive line labelled a credit, quoting our claim reference, or naming the period credited.
 * A line matches when it is on an invoice of the claim's carrier in the claim's currency, for the credited amount
 * (either sign, to the cent), issued for a period that ends after the claimed month, and it either quotes the
 * reference ({@code SLA-<id>}) or names the month ({@code 2026-10}) beside the word credit or SLA.
 */
public final class InvoiceCredit {

    /** One line of a stored invoice, with what the invoice says of itself. */
    public record Line(String carrier, String invoiceNumber, LocalDate periodStart, LocalDate periodEnd, String currency,
                       int lineNumber, String callId, String called, BigDecimal amount) {
    }

    private InvoiceCredit() {
    }

    public static Optional<Line> find(List<Line> lines, String carrier, YearMonth month, String reference,
                                      BigDecimal amount, String currency) {
        return lines.stream().filter(l -> matches(l, carrier, month, reference, amount, currency)).findFirst();
    }

    static boolean matches(Line l, String carrier, YearMonth month, String reference, BigDecimal amount, String currency) {
        if (!l.carrier().equals(carrier) || !l.currency().equalsIgnoreCase(currency)
                || l.amount().abs().setScale(2, java.math.RoundingMode.HALF_UP).compareTo(amount.abs().setScale(2,
                java.math.RoundingMode.HALF_UP)) != 0
                || !l.periodEnd().isAfter(month.atEndOfMonth())) {
            return false;
        }
        String text = (l.callId() + " " + l.called()).toUpperCase(Locale.ROOT);
        if (java.util.regex.Pattern.compile("(?<![A-Z0-9-])" + java.util.regex.Pattern.quote(reference.toUpperCase(Locale.ROOT))
                + "(?![0-9])").matcher(text).find()) {
            return true;
        }
        return text.contains(month.toString()) && (text.contains("CREDIT") || text.contains("SLA"));
    }
}
