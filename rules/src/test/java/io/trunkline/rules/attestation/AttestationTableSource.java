package io.trunkline.rules.attestation;

import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped Attestation table; {@link #main} rewrites the shipped file. */
public final class AttestationTableSource {

    private AttestationTableSource() {
    }

    public static DecisionTableWorkbook layout() {
        return new DecisionTableWorkbook("Attestation")
                .headerLine("RuleSet", "io.trunkline.rules.attestation")
                .headerLine("Sequential", "true")
                .headerLine("Notes", "One row per case; the first matching row decides, so put specific rows above "
                        + "general ones. Blank conditions match everything. PBX (required): ids or *. Class: classes "
                        + "or *. Number: where the calling number stands in the DID inventory: ASSIGNED_TO_PBX (a DID "
                        + "of the calling PBX), HELD_ELSEWHERE (a DID of another of our PBXs), NOT_HELD, NONE (no "
                        + "number). Forwarded: yes when the call is forwarded (the number is the original caller's), "
                        + "no when it is not. Origin: PBX, GATEWAY or TRANSIT (the PBX's master data). Sign: no to send "
                        + "the call without an Identity header. Attestation (required): A full, B partial, C gateway. "
                        + "A call no row matches is signed with C.")
                .table("Attestation", "CONDITION", "CONDITION", "CONDITION", "CONDITION", "CONDITION", "ACTION",
                        "ACTION")
                .pattern("$q : AttestationQuery", 0, 4)
                .code("decidedBy == null, pbxIn(\"$param\")", "classIn(\"$param\")", "numberIn(\"$param\")",
                        "forwardedIs(\"$param\")", "originIn(\"$param\")", "$q.setSign(\"$param\");",
                        "modify($q) { attest(drools.getRule().getName(), \"$param\") }")
                .titles("PBX", "Class", "Number", "Forwarded", "Origin", "Sign", "Attestation");
    }

    public static DecisionTableWorkbook shipped() {
        return layout()
                // Calls that never leave the enterprise carry no identity.
                .row("*", "INTERNAL", "", "", "", "no", "C")
                // The London office's carriers take no SHAKEN identity (the framework is North American).
                .row("london-teams", "", "", "", "", "no", "B")
                // Gateways and transit peers hand over callers the enterprise does not know.
                .row("*", "", "", "", "GATEWAY TRANSIT", "yes", "C")
                // A forwarded call presents the original caller's number: ours to carry, not ours to vouch for.
                .row("*", "", "", "yes", "", "yes", "B")
                // The number is the calling PBX's own DID: full attestation.
                .row("*", "", "ASSIGNED_TO_PBX", "", "", "yes", "A")
                // Ours, but another PBX's, or not ours at all, or none: the caller is known, the number is not vouched.
                .row("*", "", "HELD_ELSEWHERE NOT_HELD NONE", "", "", "yes", "B");
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), shipped().toXlsx());
    }
}
