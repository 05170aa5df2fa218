package io.trunkline.ejb.sla.application;

import io.trunkline.ejb.alerts.api.EventAlerts;
import io.trunkline.ejb.platform.infrastructure.SmtpMailer;
import io.trunkline.ejb.sla.domain.Claim;
import io.trunkline.ejb.sla.domain.EvidencePackage;
import io.trunkline.ejb.sla.domain.InvoiceCredit;
import io.trunkline.ejb.sla.domain.MonthReport;
import io.trunkline.ejb.sla.domain.SlaSources;
import io.trunkline.ejb.sla.domain.SlaStore;
import io.trunkline.ejb.sla.domain.SlaTerms;
import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.StoredDocument;
import io.trunkline.ejb.workflow.api.WorkflowConflict;
import io.trunkline.ejb.workflow.api.WorkflowDocuments;
import io.trunkline.ejb.workflow.api.WorkflowSteps;
import io.trunkline.processes.sla.CreditClaimProcess;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service steps of {@code sla.CreditClaim}, each in the engine's transaction: the evidence ZIP, the escalation to
 * the duty manager, the claim e-mailed to the carrier's claims address (a mail failure refuses the review's
 * completion, so the task stays open), the refusal recorded, the invoice check, the reminder and the close.
 */
@Stateless
public class SlaSteps implements WorkflowSteps {

    /** Failed calls (with every attempt) the evidence samples. */
    static final int FAILED_CALL_SAMPLE = 50;
    /** How long the duty manager's alert may stay unacknowledged before it escalates again. */
    static final int ESCALATE_AFTER_SECONDS = 3600;
    private static final Caller ENGINE = new Caller("system", Set.of("admin"));
    private static final Logger LOG = LoggerFactory.getLogger(SlaSteps.class);
    private static final Set<String> ACTIONS = Set.of(CreditClaimProcess.EVIDENCE, CreditClaimProcess.ESCALATE,
            CreditClaimProcess.SEND, CreditClaimProcess.REFUSED, CreditClaimProcess.CHECK_INVOICE, CreditClaimProcess.REMIND,
            CreditClaimProcess.CLOSE);

    @Inject
    private SlaStore store;
    @Inject
    private SlaSources sources;
    @EJB
    private SlaMeasurement measurement;
    @EJB
    private WorkflowDocuments documents;
    @EJB
    private EventAlerts alerts;

    @Override
    public Set<String> actions() {
        return ACTIONS;
    }

    @Override
    public Map<String, Object> run(String action, Step step) {
        try {
            Claim claim = store.claim(((Number) step.variable(CreditClaimProcess.JUDGEMENT)).longValue())
                    .orElseThrow(() -> new WorkflowConflict("no_claim", "no SLA claim " + step.variable(CreditClaimProcess.JUDGEMENT)));
            SlaTerms terms = store.terms(claim.carrier()).orElseThrow(() -> new WorkflowConflict("no_sla_terms",
                    "carrier " + claim.carrier() + " has no SLA terms any more"));
            return switch (action) {
                case CreditClaimProcess.EVIDENCE -> evidence(step, claim, terms);
                case CreditClaimProcess.ESCALATE -> escalate(claim);
                case CreditClaimProcess.SEND -> send(step, claim, terms);
                case CreditClaimProcess.REFUSED -> refused(step, claim);
                case CreditClaimProcess.CHECK_INVOICE -> checkInvoice(step, claim);
                case CreditClaimProcess.REMIND -> remind(step, claim, terms);
                case CreditClaimProcess.CLOSE -> close(step, claim);
                default -> throw new IllegalStateException("no SLA step " + action);
            };
        } catch (SQLException e) {
            throw new IllegalStateException("SLA step " + action + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Object> evidence(Step step, Claim claim, SlaTerms terms) throws SQLException {
        MonthReport report = measurement.measure(terms, claim.month());
        List<SlaSources.FailedAttempt> calls = sources.failedCalls(claim.carrier(), report.from(), report.to(),
                FAILED_CALL_SAMPLE);
        byte[] zip = EvidencePackage.zip(claim, report, calls, Instant.now());
        DocumentView doc = documents.store(step.workflowId(), step.processId(), claim.reference() + "-evidence-"
                + claim.carrier() + "-" + claim.month() + ".zip", "application/zip", zip, step.actor());
        store.evidence(claim.id(), doc.id());
        return Map.of(CreditClaimProcess.EVIDENCE_DOCUMENT, doc.id());
    }

    private Map<String, Object> escalate(Claim claim) {
        alerts.raise(new EventAlerts.EventAlert(EventAlerts.WORKFLOW, "carrier", claim.reference(),
                "SLA claim not sent before its window closes", "CRITICAL", "The SLA claim " + claim.reference() + " on "
                + claim.carrier() + " for " + claim.month() + " (" + claim.creditAmount().toPlainString() + " "
                + claim.currency() + ", " + claim.breaches() + ") is still waiting for its review; the carrier must "
                + "receive it by " + claim.claimDeadline() + " or the credit is lost. Review it in the task list now.",
                ESCALATE_AFTER_SECONDS));
        return Map.of();
    }

    private Map<String, Object> send(Step step, Claim claim, SlaTerms terms) throws SQLException {
        BigDecimal claimed = amount(step.variable(CreditClaimProcess.CLAIMED_AMOUNT), claim.creditAmount());
        Object docId = step.variable(CreditClaimProcess.EVIDENCE_DOCUMENT);
        StoredDocument zip = docId instanceof Long id ? documents.document(ENGINE, step.workflowId(), id).orElse(null) : null;
        if (zip == null) {
            throw new WorkflowConflict("no_evidence", "claim " + claim.reference() + " has no evidence package");
        }
        String subject = "SLA credit claim " + claim.reference() + ": " + claim.carrier() + " " + claim.month();
        String text = "To the SLA claims desk,\n\nunder our SLA, the service for " + claim.month() + " (" + terms.zone()
                + ") fell short of its terms:\n  " + claim.breaches().replace("; ", "\n  ") + "\n\nAvailability "
                + claim.availabilityPercent().toPlainString() + " % against " + terms.availabilityPercent().toPlainString()
                + " %.\nWe claim a service credit of " + claimed.toPlainString() + " " + claim.currency()
                + ". Please confirm, and show the credit on your next invoice quoting " + claim.reference() + ".\n"
                + note(step) + "\nThe evidence package is attached (SHA-256 " + zip.view().sha256() + ").\n";
        mail(step, claim, terms, subject, text, List.of(new SmtpMailer.Attachment(zip.view().name(), "application/zip",
                zip.content())), "claim");
        Instant sent = Instant.now();
        store.sent(claim.id(), claimed, sent);
        return Map.of(CreditClaimProcess.SENT_AT, sent.toString(), CreditClaimProcess.CLAIMED_AMOUNT, claimed);
    }

    private static String note(Step step) {
        String note = step.text("reviewNote");
        return note == null || note.isBlank() ? "" : "\n" + note.trim() + "\n";
    }

    private void mail(Step step, Claim claim, SlaTerms terms, String subject, String text,
                      List<SmtpMailer.Attachment> attachments, String what) {
        SmtpMailer.Mail mail = new SmtpMailer.Mail(null, List.of(terms.claimsEmail()), subject, text,
                Map.of("X-Trunkline-Sla-Claim", claim.reference()), attachments);
        String outcome = new SmtpMailer().send(mail);
        if (!SmtpMailer.DELIVERED.equals(outcome)) {
            throw new WorkflowConflict("not_sent", "the " + what + " could not be e-mailed to " + terms.claimsEmail()
                    + " (" + outcome + "); try again once mail is back");
        }
        String evidence = "To: " + terms.claimsEmail() + "\nSubject: " + subject + "\nDate: " + Instant.now() + "\n\n" + text;
        documents.store(step.workflowId(), step.processId(), claim.reference() + "-" + what + "-to-" + claim.carrier()
                + "-" + Instant.now().getEpochSecond() + ".txt", "text/plain; charset=UTF-8",
                evidence.getBytes(StandardCharsets.UTF_8), step.actor());
    }

    private Map<String, Object> refused(Step step, Claim claim) throws SQLException {
        store.refused(claim.id(), Optional.ofNullable(step.text(CreditClaimProcess.REFUSAL_REASON)).orElse("(no reason given)"),
                Instant.now());
        return Map.of();
    }

    private Map<String, Object> checkInvoice(Step step, Claim claim) throws SQLException {
        BigDecimal expected = expected(step, claim);
        store.accepted(claim.id(), expected);
        Optional<InvoiceCredit.Line> line = InvoiceCredit.find(
                sources.invoiceLines(claim.carrier(), claim.month().atEndOfMonth().plusDays(1)), claim.carrier(),
                claim.month(), claim.reference(), expected, claim.currency());
        if (line.isEmpty()) {
            return Map.of(CreditClaimProcess.CREDITED, Boolean.FALSE);
        }
        LOG.info("SLA claim {} credited on invoice {} line {}", claim.reference(), line.get().invoiceNumber(),
                line.get().lineNumber());
        return Map.of(CreditClaimProcess.CREDITED, Boolean.TRUE, CreditClaimProcess.CREDIT_INVOICE,
                line.get().invoiceNumber() + "#" + line.get().lineNumber());
    }

    private static BigDecimal expected(Step step, Claim claim) {
        return amount(step.variable(CreditClaimProcess.ACCEPTED_AMOUNT),
                amount(step.variable(CreditClaimProcess.CLAIMED_AMOUNT), claim.creditAmount()));
    }

    private static BigDecimal amount(Object value, BigDecimal otherwise) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        return value instanceof Number n ? new BigDecimal(n.toString()) : otherwise;
    }

    private Map<String, Object> remind(Step step, Claim claim, SlaTerms terms) {
        long reminders = step.variable(CreditClaimProcess.REMINDERS) instanceof Number n ? n.longValue() + 1 : 1;
        String text = "To the SLA claims desk,\n\nyou accepted our SLA credit claim " + claim.reference() + " for "
                + claim.month() + " (" + expected(step, claim).toPlainString() + " " + claim.currency()
                + "), and we have not found the credit on an invoice since. Please show it on your next invoice quoting "
                + claim.reference() + ".\n\nReminder " + reminders + ".\n";
        mail(step, claim, terms, "Reminder: SLA credit " + claim.reference() + " not yet invoiced", text, List.of(),
                "reminder");
        return Map.of(CreditClaimProcess.REMINDERS, reminders);
    }

    private Map<String, Object> close(Step step, Claim claim) throws SQLException {
        store.credited(claim.id(), step.text(CreditClaimProcess.CREDIT_INVOICE), Instant.now());
        return Map.of();
    }
}
