package io.trunkline.rules.attestation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What happens to an inbound call given what the edge's STIR/SHAKEN verification made of its {@code Identity}: asked
 * with the carrier that brought it, the outcome (PASSED, FAILED, MISSING), the failure's reason and the token's
 * attestation; answered by the first matching row of the analysts' InboundIdentity table — TAG (deliver it with its
 * verstat) or REFUSE (answer with the code RFC 8224 gives the outcome) — or by {@code AttestationFallback.drl} (TAG)
 * when no row matches.
 */
public class IdentityQuery {

    /** What the verification found. */
    public enum Outcome {
        /** The identity verified. */
        PASSED,
        /** An identity was there and did not verify. */
        FAILED,
        /** The call carried no identity. */
        MISSING
    }

    /** What the row does with the call. */
    public enum Action {
        /** Deliver it, its verstat on the PBX leg. */
        TAG,
        /** Refuse it with RFC 8224's answer for the outcome. */
        REFUSE
    }

    private static final Pattern LIST = Pattern.compile("[,\\s]+");

    private final String carrier;
    private final Outcome outcome;
    private final String failure;
    private final String attest;

    private Action action;
    private String decidedBy;
    private final List<String> trace = new ArrayList<>();

    /**
     * @param failure BAD_INFO, UNSUPPORTED_CREDENTIAL, INVALID or STALE for a failed identity, else null
     * @param attest  the token's attestation (A, B, C) when it could be read, else null
     */
    public IdentityQuery(String carrier, Outcome outcome, String failure, String attest) {
        this.carrier = Objects.requireNonNull(carrier, "carrier");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.failure = failure;
        this.attest = attest;
    }

    private static boolean listed(String cell, String value) {
        for (String item : LIST.split(cell.trim())) {
            if (item.equals("*") || item.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /** True when the carrier is one of the space- or comma-separated ids ({@code *} for any). */
    public boolean carrierIn(String carriers) {
        return listed(carriers, carrier);
    }

    public boolean outcomeIn(String outcomes) {
        return listed(outcomes, outcome.name());
    }

    /** True when the call failed for one of the listed reasons (never for a call that did not fail). */
    public boolean failureIn(String failures) {
        return failure != null && listed(failures, failure);
    }

    /** True when the token's attestation is one of the listed levels (never for a call without a readable one). */
    public boolean attestIn(String levels) {
        return attest != null && listed(levels, attest);
    }

    /** Takes the row: what it does with the call. */
    public void decide(String rule, String what) {
        this.action = Action.valueOf(what.trim());
        this.decidedBy = rule;
        trace.add(rule + ": " + action + " an inbound identity " + outcome
                + (failure != null ? " (" + failure + ")" : "") + (attest != null ? ", attestation " + attest : "")
                + " from " + carrier);
    }

    public String getCarrier() {
        return carrier;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public String getFailure() {
        return failure;
    }

    public String getAttest() {
        return attest;
    }

    public Action getAction() {
        return action;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public List<String> getTrace() {
        return Collections.unmodifiableList(trace);
    }
}
