package io.trunkline.processes.sla;

import io.trunkline.processes.ProcessCatalog;
import io.trunkline.processes.VariableFormats;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SLA credit claim's id, resource, tasks, service steps and start variables. A claim is started by the platform's
 * judgement of a carrier's month (one claim per carrier and month), which fills in what it found.
 */
public final class CreditClaimProcess {

    public static final String PROCESS_ID = "sla.CreditClaim";
    public static final String RESOURCE = "io/trunkline/processes/sla/CreditClaim.bpmn";
    public static final String REVIEW_TASK = "Review the SLA claim";
    public static final String ANSWER_TASK = "Record the carrier's answer";

    /** Service steps (the {@code Action} input of the process's "Trunkline" service tasks). */
    public static final String EVIDENCE = "sla.evidence";
    public static final String ESCALATE = "sla.escalate";
    public static final String SEND = "sla.send";
    public static final String REFUSED = "sla.refused";
    public static final String CHECK_INVOICE = "sla.checkInvoice";
    public static final String REMIND = "sla.remind";
    public static final String CLOSE = "sla.close";

    public static final String CARRIER = "carrier";
    public static final String MONTH = "month";
    public static final String JUDGEMENT = "judgement";
    public static final String BREACHES = "breaches";
    public static final String CREDIT_PERCENT = "creditPercent";
    public static final String CREDIT_AMOUNT = "creditAmount";
    public static final String CURRENCY = "currency";
    public static final String CLAIM_DEADLINE = "claimDeadline";
    public static final String ESCALATE_AT = "escalateAt";
    public static final String CREDIT_CHECK_EVERY = "creditCheckEvery";
    public static final String EVIDENCE_DOCUMENT = "evidenceDocument";
    public static final String CLAIMED_AMOUNT = "claimedAmount";
    public static final String SENT_AT = "sentAt";
    public static final String ACCEPTED = "accepted";
    public static final String ACCEPTED_AMOUNT = "acceptedAmount";
    public static final String REFUSAL_REASON = "refusalReason";
    public static final String CREDITED = "credited";
    public static final String CREDIT_INVOICE = "creditInvoice";
    public static final String REMINDERS = "reminders";

    /** Default wait between two looks for the credit on the carrier's invoices: business time (a week of work days). */
    public static final String DEFAULT_CREDIT_CHECK_EVERY = "5d";

    /** Once e-mailed, a claim is the carrier's to answer: it is closed by its answer, not cancelled. */
    public static final ProcessCatalog.ProcessEntry ENTRY = new ProcessCatalog.ProcessEntry(PROCESS_ID, RESOURCE,
            CreditClaimProcess::variables, vars -> vars.get(SENT_AT) == null,
            "the claim has been sent to the carrier: record its answer instead");

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final Set<String> KNOWN = Set.of(CARRIER, MONTH, JUDGEMENT, BREACHES, CREDIT_PERCENT, CREDIT_AMOUNT,
            CURRENCY, CLAIM_DEADLINE, ESCALATE_AT, CREDIT_CHECK_EVERY);

    private CreditClaimProcess() {
    }

    /** The start variables, checked: the judgement that found the breach fills them in. */
    static Map<String, Object> variables(Map<String, Object> given) {
        Map<String, Object> in = given == null ? Map.of() : given;
        for (String name : in.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new ProcessCatalog.InvalidVariable(name, "is not a variable of " + PROCESS_ID);
            }
        }
        Map<String, Object> vars = new HashMap<>();
        if (!(in.get(CARRIER) instanceof String carrier) || carrier.isBlank() || carrier.length() > 64) {
            throw new ProcessCatalog.InvalidVariable(CARRIER, "is required (a carrier id)");
        }
        vars.put(CARRIER, carrier.trim());
        try {
            vars.put(MONTH, YearMonth.parse(String.valueOf(in.get(MONTH))).toString());
        } catch (DateTimeParseException e) {
            throw new ProcessCatalog.InvalidVariable(MONTH, "must be a month such as 2026-10");
        }
        if (!(in.get(JUDGEMENT) instanceof Number judgement)) {
            throw new ProcessCatalog.InvalidVariable(JUDGEMENT, "is required (the judgement that found the breach; "
                    + "claims are started with POST /sla/judgements)");
        }
        vars.put(JUDGEMENT, judgement.longValue());
        vars.put(BREACHES, in.get(BREACHES) == null ? "" : in.get(BREACHES).toString());
        vars.put(CREDIT_PERCENT, decimal(in, CREDIT_PERCENT));
        vars.put(CREDIT_AMOUNT, decimal(in, CREDIT_AMOUNT));
        if (!(in.get(CURRENCY) instanceof String currency) || !CURRENCY_CODE.matcher(currency).matches()) {
            throw new ProcessCatalog.InvalidVariable(CURRENCY, "must be an ISO 4217 code such as EUR");
        }
        vars.put(CURRENCY, currency);
        vars.put(CLAIM_DEADLINE, instant(in, CLAIM_DEADLINE));
        vars.put(ESCALATE_AT, instant(in, ESCALATE_AT));
        Object every = in.getOrDefault(CREDIT_CHECK_EVERY, DEFAULT_CREDIT_CHECK_EVERY);
        if (!(every instanceof String e) || !VariableFormats.BUSINESS_TIME.matcher(e.trim()).matches()) {
            throw new ProcessCatalog.InvalidVariable(CREDIT_CHECK_EVERY,
                    "must be business time such as 5d or 4h 30m (or ISO-8601 such as PT30S)");
        }
        vars.put(CREDIT_CHECK_EVERY, ((String) every).trim());
        vars.put(REMINDERS, 0L);
        return vars;
    }

    private static BigDecimal decimal(Map<String, Object> in, String name) {
        try {
            BigDecimal d = new BigDecimal(String.valueOf(in.get(name)));
            if (d.signum() < 0) {
                throw new ProcessCatalog.InvalidVariable(name, "must not be negative");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ProcessCatalog.InvalidVariable(name, "must be a number");
        }
    }

    private static String instant(Map<String, Object> in, String name) {
        try {
            return Instant.parse(String.valueOf(in.get(name))).toString();
        } catch (DateTimeParseException e) {
            throw new ProcessCatalog.InvalidVariable(name, "must be an ISO-8601 instant such as 2026-12-31T23:59:59Z");
        }
    }
}
