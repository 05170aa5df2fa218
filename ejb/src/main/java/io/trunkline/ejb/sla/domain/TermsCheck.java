package io.trunkline.ejb.sla.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What makes SLA terms unusable, as the field at fault and why: the first problem found, or none. */
public final class TermsCheck {

    /** A problem with one field. */
    public record Problem(String field, String message) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TermsCheck() {
    }

    public static Optional<Problem> of(SlaTerms t) {
        if (!percent(t.availabilityPercent()) || t.availabilityPercent().signum() <= 0) {
            return problem("availabilityPercent", "is required: a percentage above 0 and at most 100, such as 99.9");
        }
        if (t.asrFloorPercent() != null && !percent(t.asrFloorPercent())) {
            return problem("asrFloorPercent", "must be a percentage from 0 to 100");
        }
        if (t.nerFloorPercent() != null && !percent(t.nerFloorPercent())) {
            return problem("nerFloorPercent", "must be a percentage from 0 to 100");
        }
        if (t.pddCeilingMs() != null && (t.pddCeilingMs() <= 0 || t.pddCeilingMs() > 60_000)) {
            return problem("pddCeilingMs", "must be milliseconds from 1 to 60000");
        }
        if (t.mosFloor() != null && (t.mosFloor().compareTo(BigDecimal.ONE) < 0
                || t.mosFloor().compareTo(BigDecimal.valueOf(5)) > 0)) {
            return problem("mosFloor", "must be a MOS from 1 to 5 (ITU-T P.800)");
        }
        if (t.claimWindowDays() < 1 || t.claimWindowDays() > 366) {
            return problem("claimWindowDays", "must be days from 1 to 366");
        }
        if (t.claimsEmail() == null || t.claimsEmail().length() > 320 || !EMAIL.matcher(t.claimsEmail()).matches()) {
            return problem("claimsEmail", "must be an e-mail address such as sla-claims@carrier.example");
        }
        if (t.monthlyCharge() == null || t.monthlyCharge().signum() <= 0 || t.monthlyCharge().scale() > 2
                || t.monthlyCharge().precision() - t.monthlyCharge().scale() > 16) {
            return problem("monthlyCharge.amount", "must be an amount above 0 with at most 2 decimals");
        }
        if (t.currency() == null || !t.currency().matches("[A-Z]{3}")) {
            return problem("monthlyCharge.currency", "must be an ISO 4217 code such as EUR");
        }
        return schedule(t.schedule(), t.availabilityPercent());
    }

    private static Optional<Problem> schedule(List<SlaTerms.Band> bands, BigDecimal target) {
        if (bands.isEmpty()) {
            return problem("creditSchedule", "needs at least one band, such as {\"below\": 99.9, \"creditPercent\": 5}");
        }
        for (int i = 0; i < bands.size(); i++) {
            SlaTerms.Band b = bands.get(i);
            String field = "creditSchedule[" + i + "]";
            if (!percent(b.belowPercent()) || b.belowPercent().compareTo(target) > 0) {
                return problem(field + ".below", "must be a percentage at most the availability target " + target.toPlainString());
            }
            if (!percent(b.creditPercent()) || b.creditPercent().signum() <= 0) {
                return problem(field + ".creditPercent", "must be a percentage above 0 and at most 100");
            }
            if (i > 0 && b.belowPercent().compareTo(bands.get(i - 1).belowPercent()) == 0) {
                return problem(field + ".below", "repeats " + b.belowPercent().toPlainString());
            }
            if (i > 0 && b.creditPercent().compareTo(bands.get(i - 1).creditPercent()) < 0) {
                return problem(field + ".creditPercent", "must not be less than the credit of a milder band");
            }
        }
        return Optional.empty();
    }

    private static boolean percent(BigDecimal v) {
        return v != null && v.signum() >= 0 && v.compareTo(HUNDRED) <= 0;
    }

    private static Optional<Problem> problem(String field, String message) {
        return Optional.of(new Problem(field, message));
    }
}
