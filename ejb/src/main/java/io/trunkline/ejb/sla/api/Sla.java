package io.trunkline.ejb.sla.api;

import io.trunkline.ejb.workflow.api.Caller;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/**
 * Carriers' SLA terms, the judgement of a carrier's month, and the claims judgements started. Refusals are
 * {@code InvalidWorkflowInput} (naming the field), {@code WorkflowConflict} and {@code WorkflowNotFound}.
 */
@Local
public interface Sla {

    /** Availability below {@code belowPercent} earns {@code creditPercent} of the monthly charge. */
    record Band(BigDecimal belowPercent, BigDecimal creditPercent) implements Serializable {
    }

    /** A carrier's SLA terms; a null floor or ceiling is not part of the contract. */
    record Terms(String carrier, BigDecimal availabilityPercent, BigDecimal asrFloorPercent, Integer pddCeilingMs,
                 BigDecimal nerFloorPercent, BigDecimal mosFloor, String zone, Integer claimWindowDays,
                 String claimsEmail, BigDecimal monthlyCharge, String currency, List<Band> schedule, Instant updatedAt,
                 String updatedBy) implements Serializable {
    }

    /** One measure of the month beside its term, and the credit the rulebook gave it (null: none). */
    record Measure(String measure, Double measured, Double term, boolean missed, String rule, Double creditPercent)
            implements Serializable {
    }

    /** A claim as the API shows it. */
    record ClaimView(long id, String reference, String carrier, String month, String state, String breaches,
                     BigDecimal availabilityPercent, BigDecimal creditPercent, BigDecimal creditAmount, String currency,
                     Instant claimDeadline, Long workflowId, Long evidenceDocument, BigDecimal claimedAmount,
                     Instant sentAt, BigDecimal acceptedAmount, String refusalReason, String creditInvoice,
                     Instant closedAt, String judgedBy, Instant judgedAt) implements Serializable {
    }

    /**
     * What a judgement found. {@code outcome}: {@code NO_BREACH}, {@code NO_CREDIT} (terms missed, no row gave a
     * credit), {@code CLAIM_STARTED}, {@code ALREADY_CLAIMED} (the month's claim exists: nothing new started) or
     * {@code TOO_LATE} (the claim window had closed: recorded, not claimed).
     */
    record Judgement(String carrier, String month, double availabilityPercent, long outageSeconds, int outageWindows,
                     long attempts, List<Measure> measures, BigDecimal creditPercent, BigDecimal creditAmount,
                     String currency, String outcome, ClaimView claim) implements Serializable {
    }

    List<Terms> terms();

    Optional<Terms> terms(String carrier);

    /** Creates or replaces a carrier's terms. */
    Terms putTerms(Caller caller, Terms terms);

    /** Judges a carrier's month ({@code 2026-10}) and starts its claim when it earns a credit and has none yet. */
    Judgement judge(Caller caller, String carrier, String month);

    /** Judges the carrier's previous month (in its contract's zone) as the platform: the monthly timer's judgement. */
    Judgement judgePreviousMonth(String carrier);

    /** Newest first; {@code month} null for all. */
    List<ClaimView> claims(String month, int limit);

    Optional<ClaimView> claim(String carrier, String month);
}
