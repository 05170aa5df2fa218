package io.trunkline.rules.attestation;

import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped InboundIdentity table; {@link #main} rewrites the shipped file. */
public final class InboundIdentityTableSource {

    private InboundIdentityTableSource() {
    }

    public static DecisionTableWorkbook layout() {
        return new DecisionTableWorkbook("InboundIdentity")
                .headerLine("RuleSet", "io.trunkline.rules.attestation")
                .headerLine("Sequential", "true")
                .headerLine("Notes", "What happens to a call a carrier brings in, by what the edge's STIR/SHAKEN "
                        + "verification made of its Identity. One row per case; the first matching row decides, so put "
                        + "specific rows above general ones. Blank conditions match everything. Carrier (required): ids "
                        + "or *. Outcome: PASSED, FAILED or MISSING (no Identity). Failure: BAD_INFO (certificate not to "
                        + "be had, 436), UNSUPPORTED_CREDENTIAL (algorithm, chain, expiry or number scope, 437), INVALID "
                        + "(malformed, claims not the call's, signature wrong, 438), STALE (iat too old or in the future, "
                        + "403). Attestation: the token's A, B or C. Action (required): TAG delivers the call with its "
                        + "verstat, REFUSE answers with RFC 8224's code (428 for a missing identity). A call no row "
                        + "matches is tagged.")
                .table("InboundIdentity", "CONDITION", "CONDITION", "CONDITION", "CONDITION", "ACTION")
                .pattern("$q : IdentityQuery", 0, 3)
                .code("decidedBy == null, carrierIn(\"$param\")", "outcomeIn(\"$param\")", "failureIn(\"$param\")",
                        "attestIn(\"$param\")", "modify($q) { decide(drools.getRule().getName(), \"$param\") }")
                .titles("Carrier", "Outcome", "Failure", "Attestation", "Action");
    }

    public static DecisionTableWorkbook shipped() {
        return layout()
                // Verified calls go through with TN-Validation-Passed.
                .row("*", "PASSED", "", "", "TAG")
                // Failed and missing identities go through tagged; a row above with REFUSE answers them instead.
                .row("*", "FAILED", "", "", "TAG")
                .row("*", "MISSING", "", "", "TAG");
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), shipped().toXlsx());
    }
}
