package io.trunkline.rules.fraud;

import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped FraudPolicy table; {@link #main} rewrites the shipped file. */
public final class FraudPolicyTableSource {

    private FraudPolicyTableSource() {
    }

    public static DecisionTableWorkbook layout() {
        return new DecisionTableWorkbook("FraudPolicy")
                .headerLine("RuleSet", "io.trunkline.rules.fraud")
                .headerLine("Sequential", "true")
                .headerLine("Notes", "Rows are read in order; every row that applies to a call counts. Blank cells match "
                        + "everything. A row without a Counter is a restriction: a call matching it gets the row's Action "
                        + "(ALLOW ends the table for the call: rows below it do not apply; ALERT lets the call go and raises "
                        + "an alert; BLOCK refuses it with 403; BLOCK_SOURCE refuses it and blocks the row's Scope, EXTENSION "
                        + "or PBX, for Block for). Allowed hours: site local time, e.g. 07:00-20:00 Mon-Fri; the row applies "
                        + "outside them. A row with a Counter counts the calls matching it per Scope (EXTENSION, PBX or "
                        + "PREFIX: the row's destination prefix), cluster-wide: CALLS_PER_MINUTE, CONCURRENT_CALLS, "
                        + "DISTINCT_DESTINATIONS_PER_HOUR, SHORT_CALL_RATIO (per cent of answered calls, judged from Min "
                        + "calls answered), SPEND_PER_HOUR (rated cost of the calls ended in the last hour). At Warning at "
                        + "the call goes and an alert is raised; at Critical at the row's Action is taken. Block for: e.g. "
                        + "30s, 15m, 1h.")
                .table("FraudPolicy", "CONDITION", "ACTION", "ACTION", "ACTION", "ACTION", "ACTION", "ACTION", "ACTION",
                        "ACTION", "ACTION", "ACTION")
                .pattern("$f : FraudCheck", 0, 0)
                .code("pbxIn(\"$param\")", "$f.setClasses(\"$param\");", "$f.setPrefixes(\"$param\");",
                        "$f.setAllowedHours(\"$param\");", "$f.setScope(\"$param\");", "$f.setCounter(\"$param\");",
                        "$f.setMinCalls($param);", "$f.setWarning(\"$param\");", "$f.setCritical(\"$param\");",
                        "$f.setBlockFor(\"$param\");", "$f.row(drools.getRule().getName(), \"$param\");")
                .titles("PBX", "Class", "Destination starts with", "Allowed hours", "Scope", "Counter", "Min calls",
                        "Warning at", "Critical at", "Block for", "Action");
    }

    public static DecisionTableWorkbook shipped() {
        return layout()
                // Emergency and internal calls are never held back by a fraud row.
                .row("*", "EMERGENCY INTERNAL", "", "", "", "", "", "", "", "", "ALLOW")
                // High-risk and satellite ranges: Cuba, Somalia, the global satellite and premium codes.
                .row("*", "", "+53 +252 +870 +881 +882 +883 +979", "", "", "", "", "", "", "", "BLOCK")
                // The London office may call abroad during office hours only.
                .row("london-teams", "INTERNATIONAL", "", "07:00-20:00", "", "", "", "", "", "", "BLOCK")
                .row("*", "PREMIUM", "", "", "EXTENSION", "CALLS_PER_MINUTE", "", "3", "5", "", "BLOCK")
                .row("*", "PREMIUM", "", "", "EXTENSION", "CONCURRENT_CALLS", "", "2", "4", "", "BLOCK")
                .row("*", "INTERNATIONAL", "", "", "EXTENSION", "DISTINCT_DESTINATIONS_PER_HOUR", "", "30", "100", "1h",
                        "BLOCK_SOURCE")
                .row("*", "", "", "", "PBX", "SHORT_CALL_RATIO", "50", "60", "80", "", "ALERT")
                .row("*", "", "", "", "PBX", "SPEND_PER_HOUR", "", "200", "500", "1h", "BLOCK_SOURCE")
                .row("*", "INTERNATIONAL", "+44 +49 +33", "", "PREFIX", "CALLS_PER_MINUTE", "", "6000", "30000", "",
                        "ALERT");
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), shipped().toXlsx());
    }
}
