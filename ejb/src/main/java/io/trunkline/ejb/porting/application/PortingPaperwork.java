package io.trunkline.ejb.porting.application;

import io.trunkline.ejb.platform.infrastructure.SmtpMailer;
import io.trunkline.ejb.porting.domain.LetterOfAuthorization;
import io.trunkline.ejb.porting.domain.PortInventory;
import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.routing.domain.RoutingData;
import io.trunkline.ejb.workflow.api.Caller;
import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.StoredDocument;
import io.trunkline.ejb.workflow.api.WorkflowConflict;
import io.trunkline.ejb.workflow.api.WorkflowDocuments;
import io.trunkline.ejb.workflow.api.WorkflowSteps;
import io.trunkline.processes.porting.NumberPortProcess;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ejb.EJB;
import javax.ejb.Stateless;

/**
 * A port's paperwork: the letter of authorization generated from the request (stored with the port's documents for
 * a person to sign), and the request e-mailed to the gaining carrier's porting desk with the signed letter attached,
 * the message itself kept as evidence.
 */
@Stateless
public class PortingPaperwork {

    /** The customer of record the letter names. */
    static final String ENTERPRISE = "trunkline.enterprise.name";
    /** Where the carriers' answers go (Reply-To of the port request); none: the sender. */
    static final String REPLY_TO = "trunkline.porting.reply-to";
    /** The engine's own reads of documents: it acts for the process, not for a user. */
    private static final Caller ENGINE = new Caller("system", Set.of("admin"));

    @EJB
    private WorkflowDocuments documents;
    @EJB
    private RoutingDataHolder routing;

    public Map<String, Object> letterOfAuthorization(WorkflowSteps.Step step) {
        RoutingData data = routing.current();
        byte[] pdf = LetterOfAuthorization.pdf(new LetterOfAuthorization.LoaRequest(step.workflowId(),
                System.getProperty(ENTERPRISE, "The Enterprise"), PortingSteps.numbers(step),
                carrierName(data, step.text(NumberPortProcess.LOSING)), carrierName(data, step.text(NumberPortProcess.GAINING)),
                step.text(NumberPortProcess.TARGET_PBX), LocalDate.parse(step.text(NumberPortProcess.REQUESTED_DATE)),
                Instant.now()));
        DocumentView doc = documents.store(step.workflowId(), step.processId(),
                "PORT-" + step.workflowId() + "-letter-of-authorization.pdf", "application/pdf", pdf, step.actor());
        return Map.of("loaDocument", doc.id());
    }

    public Map<String, Object> submit(WorkflowSteps.Step step, PortInventory.Desk desk) {
        Object signedId = step.variable("signedLoaDocument");
        StoredDocument signed = signedId instanceof Long id ? documents.document(ENGINE, step.workflowId(), id).orElse(null) : null;
        if (signed == null) {
            throw new WorkflowConflict("no_signed_letter", "port " + step.workflowId() + " has no signed letter of "
                    + "authorization (document " + signedId + ")");
        }
        RoutingData data = routing.current();
        List<String> numbers = PortingSteps.numbers(step);
        String reference = "PORT-" + step.workflowId();
        String subject = "Port request " + reference + ": " + numbers.size() + " number" + (numbers.size() == 1 ? "" : "s")
                + " from " + carrierName(data, step.text(NumberPortProcess.LOSING));
        StringBuilder text = new StringBuilder()
                .append("To the porting desk of ").append(carrierName(data, step.text(NumberPortProcess.GAINING)))
                .append(desk.contact() == null ? "" : " (" + desk.contact() + ")").append(",\n\n")
                .append("please port the numbers below from ").append(carrierName(data, step.text(NumberPortProcess.LOSING)))
                .append(" to your network on ").append(step.text(NumberPortProcess.REQUESTED_DATE))
                .append(", and send us the firm order commitment (FOC) date and time quoting ").append(reference)
                .append(".\nThe signed letter of authorization is attached (SHA-256 ").append(signed.view().sha256())
                .append(").\n\nNumbers (").append(numbers.size()).append("):\n");
        numbers.forEach(n -> text.append("  ").append(n).append('\n'));
        SmtpMailer.Mail mail = new SmtpMailer.Mail(null, List.of(desk.email()), subject, text.toString(),
                Map.of("X-Trunkline-Port", reference), List.of(new SmtpMailer.Attachment(
                        reference + "-signed-" + safe(signed.view().name()), signed.view().contentType(), signed.content())));
        String replyTo = System.getProperty(REPLY_TO);
        if (replyTo != null && !replyTo.isBlank()) {
            mail = mail.withHeader("Reply-To", replyTo.trim());
        }
        String outcome = new SmtpMailer().send(mail);
        if (!SmtpMailer.DELIVERED.equals(outcome)) {
            throw new WorkflowConflict("not_submitted", "the port request could not be e-mailed to " + desk.email() + " ("
                    + outcome + "); the task stays open: complete it again once mail is back");
        }
        Instant sent = Instant.now();
        String evidence = "To: " + desk.email() + "\nSubject: " + subject + "\nDate: " + sent + "\nAttachment: "
                + signed.view().name() + " (" + signed.view().size() + " bytes, SHA-256 " + signed.view().sha256() + ")\n\n"
                + text;
        documents.store(step.workflowId(), step.processId(), reference + "-request-to-" + step.text(NumberPortProcess.GAINING)
                + ".txt", "text/plain; charset=UTF-8", evidence.getBytes(StandardCharsets.UTF_8), step.actor());
        return Map.of("submittedAt", sent.toString());
    }

    private static String carrierName(RoutingData data, String id) {
        return data.carrier(id).map(c -> c.name()).orElse(id);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
