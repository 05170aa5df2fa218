package io.trunkline.ejb.sla.application;

import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.sla.api.Sla;
import io.trunkline.ejb.sla.domain.Claim;
import io.trunkline.ejb.sla.domain.MonthReport;
import io.trunkline.ejb.sla.domain.SlaStore;
import io.trunkline.ejb.sla.domain.SlaTerms;
import io.trunkline.ejb.sla.domain.TermsCheck;
import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.InvalidWorkflowInput;
import io.trunkline.ejb.workflow.api.WorkflowConflict;
import io.trunkline.ejb.workflow.api.WorkflowNotFound;
import io.trunkline.ejb.workflow.api.WorkflowSummary;
import io.trunkline.ejb.workflow.api.Workflows;
import io.trunkline.processes.sla.CreditClaimProcess;
import io.trunkline.rules.sla.SlaMeasure;
import io.trunkline.rules.sla.SlaMonth;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLA terms and judgements. A month that earns a credit is claimed through {@link ClaimLedger} (once per carrier and
 * month, committed before its workflow starts); a month without a breach leaves no row and may be judged again when
 * late data came in.
 */
@Stateless
public class SlaService implements Sla {

    /** System property: business time between two looks for the credit on the carrier's invoices. */
    static final String CREDIT_CHECK_EVERY = "trunkline.sla.credit-check-every";
    /** System property: how long before the claim window closes an unsent claim is escalated (ISO-8601, P5D). */
    static final String ESCALATE_BEFORE = "trunkline.sla.escalate-before";
    /** The platform's own judgements (the monthly timer, and claims judged by ops, who may not start workflows). */
    static final Caller SYSTEM = new Caller("system", Set.of("admin"));

    private static final Logger LOG = LoggerFactory.getLogger(SlaService.class);

    @Inject
    private SlaStore store;
    @EJB
    private SlaMeasurement measurement;
    @EJB
    private Workflows workflows;
    @EJB
    private ClaimLedger ledger;
    @EJB
    private RoutingDataHolder routing;

    @Override
    public List<Terms> terms() {
        return sql(() -> store.allTerms().stream().map(SlaService::view).toList());
    }

    @Override
    public Optional<Terms> terms(String carrier) {
        return sql(() -> store.terms(carrier).map(SlaService::view));
    }

    @Override
    public Terms putTerms(Caller caller, Terms in) {
        if (routing.current().carrier(in.carrier()).isEmpty()) {
            throw new WorkflowNotFound("no carrier " + in.carrier());
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(in.zone() == null ? "UTC" : in.zone());
        } catch (DateTimeException e) {
            throw new InvalidWorkflowInput("measurementZone", "must be a time zone such as Europe/London or UTC");
        }
        if (in.claimWindowDays() == null) {
            throw new InvalidWorkflowInput("claimWindowDays", "is required: days after the month a claim may be made");
        }
        SlaTerms terms = new SlaTerms(in.carrier(), in.availabilityPercent(), in.asrFloorPercent(), in.pddCeilingMs(),
                in.nerFloorPercent(), in.mosFloor(), zone, in.claimWindowDays(),
                in.claimsEmail() == null ? null : in.claimsEmail().trim(), in.monthlyCharge(),
                in.currency() == null ? null : in.currency().trim().toUpperCase(Locale.ROOT),
                in.schedule() == null ? List.of() : in.schedule().stream()
                        .map(b -> new SlaTerms.Band(b.belowPercent(), b.creditPercent())).toList(),
                Instant.now(), caller.user());
        TermsCheck.of(terms).ifPresent(p -> {
            throw new InvalidWorkflowInput(p.field(), p.message());
        });
        sql(() -> {
            store.putTerms(terms);
            return null;
        });
        return view(terms);
    }

    @Override
    public Judgement judge(Caller caller, String carrier, String monthText) {
        YearMonth month;
        try {
            month = YearMonth.parse(monthText == null ? "" : monthText.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidWorkflowInput("month", "must be a month such as 2026-10");
        }
        SlaTerms terms = sql(() -> store.terms(carrier)).orElseThrow(() -> new WorkflowConflict("no_sla_terms",
                "carrier " + carrier + " has no SLA terms: set them with PUT /api/v1/sla/terms/" + carrier));
        Instant now = Instant.now();
        if (terms.monthEnd(month).isAfter(now)) {
            throw new WorkflowConflict("month_not_over", month + " is not over in " + terms.zone() + " yet");
        }
        MonthReport report = measurement.measure(terms, month);
        List<SlaMeasure> measures = measurement.judge(report);
        BigDecimal percent = BigDecimal.valueOf(SlaMonth.creditPercent(measures)).setScale(2, RoundingMode.HALF_UP);
        BigDecimal amount = terms.credit(percent);
        List<SlaMeasure> claimed = measures.stream().filter(SlaMeasure::isClaimed).toList();
        Claim claim = sql(() -> store.claim(carrier, month)).orElse(null);
        String outcome;
        if (claim != null) {
            outcome = "ALREADY_CLAIMED";
        } else if (claimed.isEmpty()) {
            outcome = "NO_BREACH";
        } else if (percent.signum() == 0) {
            outcome = "NO_CREDIT";
        } else {
            Instant deadline = terms.claimDeadline(month);
            boolean late = !now.isBefore(deadline);
            String breaches = claimed.stream().map(SlaService::describe).collect(Collectors.joining("; "));
            Claim row = new Claim(0, carrier, month, now, caller.user(),
                    BigDecimal.valueOf(report.availabilityPercent()).setScale(4, RoundingMode.HALF_UP),
                    report.outageSeconds(), report.figures().attempts(), breaches, percent, amount, terms.currency(),
                    deadline, late ? "TOO_LATE" : "OPEN", null, null, null, null, null, null, null, null);
            ClaimLedger.Claimed recorded = ledger.claim(row);
            claim = recorded.claim();
            outcome = !recorded.created() ? "ALREADY_CLAIMED" : late ? "TOO_LATE" : start(caller, claim, now);
            long id = claim.id();
            claim = sql(() -> store.claim(id)).orElseThrow();
        }
        return new Judgement(carrier, month.toString(), report.availabilityPercent(), report.outageSeconds(),
                report.outages().size(), report.figures().attempts(), measures.stream().map(SlaService::view).toList(),
                percent, amount, terms.currency(), outcome, claim == null ? null : view(claim));
    }

    /** Starts the claim's workflow; a claim whose workflow cannot start is taken back and the refusal passed on. */
    private String start(Caller caller, Claim claim, Instant now) {
        WorkflowSummary started;
        try {
            started = workflows.start(starter(caller), CreditClaimProcess.PROCESS_ID,
                    startVariables(claim, claim.claimDeadline(), now));
        } catch (RuntimeException e) {
            ledger.forget(claim.id());
            throw e;
        }
        sql(() -> {
            store.workflowStarted(claim.id(), started.id());
            return null;
        });
        LOG.info("SLA claim {} for {} {}: {} % = {} {} (workflow {})", claim.reference(), claim.carrier(), claim.month(),
                claim.creditPercent(), claim.creditAmount(), claim.currency(), started.id());
        return "CLAIM_STARTED";
    }

    /** Judges the carrier's previous month in its contract's zone as the platform (the monthly timer). */
    @Override
    public Judgement judgePreviousMonth(String carrier) {
        SlaTerms terms = sql(() -> store.terms(carrier)).orElseThrow(() -> new WorkflowNotFound("no SLA terms for " + carrier));
        YearMonth previous = YearMonth.now(terms.zone()).minusMonths(1);
        Judgement j = judge(SYSTEM, carrier, previous.toString());
        LOG.info("SLA month {} of {} judged: {}", previous, carrier, j.outcome());
        return j;
    }

    private static Caller starter(Caller caller) {
        return caller.roles().contains("compliance") || caller.roles().contains("admin") ? caller : SYSTEM;
    }

    private static Map<String, Object> startVariables(Claim row, Instant deadline, Instant now) {
        Duration before = Duration.parse(System.getProperty(ESCALATE_BEFORE, "P5D"));
        Instant escalateAt = deadline.minus(before);
        Map<String, Object> vars = new HashMap<>();
        vars.put(CreditClaimProcess.CARRIER, row.carrier());
        vars.put(CreditClaimProcess.MONTH, row.month().toString());
        vars.put(CreditClaimProcess.JUDGEMENT, row.id());
        vars.put(CreditClaimProcess.BREACHES, row.breaches());
        vars.put(CreditClaimProcess.CREDIT_PERCENT, row.creditPercent().toPlainString());
        vars.put(CreditClaimProcess.CREDIT_AMOUNT, row.creditAmount().toPlainString());
        vars.put(CreditClaimProcess.CURRENCY, row.currency());
        vars.put(CreditClaimProcess.CLAIM_DEADLINE, deadline.toString());
        vars.put(CreditClaimProcess.ESCALATE_AT, (escalateAt.isBefore(now) ? now : escalateAt).toString());
        vars.put(CreditClaimProcess.CREDIT_CHECK_EVERY, System.getProperty(CREDIT_CHECK_EVERY,
                CreditClaimProcess.DEFAULT_CREDIT_CHECK_EVERY));
        return vars;
    }

    static String describe(SlaMeasure m) {
        return String.format(Locale.ROOT, "%s %s against %s (%s %% credit)", m.getMeasure(),
                m.getMeasured() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", m.getMeasured()),
                m.getTerm() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", m.getTerm()),
                BigDecimal.valueOf(m.getCreditPercent()).stripTrailingZeros().toPlainString());
    }

    @Override
    public List<ClaimView> claims(String month, int limit) {
        YearMonth m;
        try {
            m = month == null || month.isBlank() ? null : YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidWorkflowInput("month", "must be a month such as 2026-10");
        }
        return sql(() -> store.claims(m, Math.max(1, Math.min(limit, 1000))).stream().map(SlaService::view).toList());
    }

    @Override
    public Optional<ClaimView> claim(String carrier, String month) {
        try {
            YearMonth m = YearMonth.parse(month);
            return sql(() -> store.claim(carrier, m).map(SlaService::view));
        } catch (DateTimeParseException e) {
            throw new InvalidWorkflowInput("month", "must be a month such as 2026-10");
        }
    }

    static Terms view(SlaTerms t) {
        return new Terms(t.carrier(), t.availabilityPercent(), t.asrFloorPercent(), t.pddCeilingMs(), t.nerFloorPercent(),
                t.mosFloor(), t.zone().getId(), t.claimWindowDays(), t.claimsEmail(), t.monthlyCharge(), t.currency(),
                t.schedule().stream().map(b -> new Band(b.belowPercent(), b.creditPercent())).toList(), t.updatedAt(),
                t.updatedBy());
    }

    static ClaimView view(Claim c) {
        return new ClaimView(c.id(), c.reference(), c.carrier(), c.month().toString(), c.state(), c.breaches(),
                c.availabilityPercent(), c.creditPercent(), c.creditAmount(), c.currency(), c.claimDeadline(),
                c.workflowId(), c.evidenceDocument(), c.claimedAmount(), c.sentAt(), c.acceptedAmount(), c.refusalReason(),
                c.creditInvoice(), c.closedAt(), c.judgedBy(), c.judgedAt());
    }

    private static Measure view(SlaMeasure m) {
        return new Measure(m.getMeasure(), m.getMeasured(), m.getTerm(), m.isBreached(), m.getRule(), m.getCreditPercent());
    }

    interface SqlWork<T> {
        T run() throws SQLException;
    }

    static <T> T sql(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new EJBException(e.getMessage(), e);
        }
    }
}
