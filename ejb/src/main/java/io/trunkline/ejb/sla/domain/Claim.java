package io.trunkline.ejb.sla.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/** A carrier's month claimed: what the judgement found and where the claim stands. */
public record Claim(long id, String carrier, YearMonth month, Instant judgedAt, String judgedBy,
                    BigDecimal availabilityPercent, long outageSeconds, long attempts, String breaches,
                    BigDecimal creditPercent, BigDecimal creditAmount, String currency, Instant claimDeadline,
                    String state, Long workflowId, Long evidenceDocument, BigDecimal claimedAmount, Instant sentAt,
                    BigDecimal acceptedAmount, String refusalReason, String creditInvoice, Instant closedAt) {

    /** The claim's reference, quoted to the carrier and looked for on its invoices. */
    public String reference() {
        return reference(id);
    }

    public static String reference(long id) {
        return "SLA-" + id;
    }
}
