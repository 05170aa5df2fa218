package io.trunkline.rules.alerts;

import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped AlertThresholds table; {@link #main} rewrites the shipped file. */
public final class AlertThresholdsTableSource {

    private AlertThresholdsTableSource() {
    }

    public static DecisionTableWorkbook layout() {
        return new DecisionTableWorkbook("AlertThresholds")
                .headerLine("RuleSet", "io.trunkline.rules.alerts")
                .headerLine("Notes", "One row per alert condition; every row that holds for a subject raises its alert "
                        + "(one open alert per title and subject, closed by itself when the row no longer holds). "
                        + "Dimension: carrier, trunk, pbx or class, blank for any. Subjects: ids separated by spaces, "
                        + "blank or * for any. Min calls: the window's attempts below which the ratios are not judged. "
                        + "Fill one of the measures per row: ASR below %, Call success below % (answered, busy, no answer "
                        + "and rejected over attempts), PDD p95 above ms, MOS below, Trunk down (OPTIONS), Silent in busy "
                        + "hours (no call in the last hour inside the carrier's busy hours), Status incident, Identity failed above % "
                        + "(of the inbound STIR/SHAKEN identities a carrier brought, the share that failed; judged from "
                        + "10 verified identities in the window, whatever Min calls says). Severity: "
                        + "WARNING or CRITICAL. Escalate after: how long it may stay unacknowledged, e.g. 15m, 1h, 30s; "
                        + "blank never.")
                .table("AlertThresholds", "CONDITION", "CONDITION", "CONDITION", "CONDITION", "CONDITION", "CONDITION",
                        "CONDITION", "CONDITION", "CONDITION", "CONDITION", "CONDITION", "ACTION", "ACTION", "ACTION")
                .pattern("$s : AlertSubject", 0, 10)
                .code("dimension == \"$param\"", "subjectIn(\"$param\")", "attempts >= $param", "asrBelow($param)",
                        "successBelow($param)", "pddP95Above($param)", "mosBelow($param)", "trunkDown == $param",
                        "silentInBusyHours == $param", "hasIncident() == $param", "identityFailedAbove($param)",
                        "$s.setSeverity(\"$param\");", "$s.setEscalateAfter(\"$param\");",
                        "$s.raise(drools.getRule().getName(), \"$param\");")
                .titles("Dimension", "Subjects", "Min calls", "ASR below %", "Call success below %", "PDD p95 above ms",
                        "MOS below", "Trunk down", "Silent in busy hours", "Status incident", "Identity failed above %", "Severity",
                        "Escalate after", "Alert");
    }

    public static DecisionTableWorkbook shipped() {
        return layout()
                .row("carrier", "", "", "", "", "", "", "true", "", "", "", "CRITICAL", "5m", "Trunk down")
                .row("carrier", "", "20", "35", "", "", "", "", "", "", "", "CRITICAL", "15m", "ASR below 35 %")
                .row("carrier", "", "20", "", "80", "", "", "", "", "", "", "WARNING", "15m", "Call success below 80 %")
                .row("pbx", "", "20", "", "80", "", "", "", "", "", "", "WARNING", "30m", "Call success below 80 %")
                .row("carrier", "", "10", "", "", "", "3.5", "", "", "", "", "WARNING", "30m", "MOS below 3.5")
                .row("pbx", "", "10", "", "", "", "3.5", "", "", "", "", "WARNING", "30m", "MOS below 3.5")
                .row("carrier", "", "20", "", "", "5000", "", "", "", "", "", "WARNING", "30m", "PDD p95 above 5 s")
                .row("carrier", "", "", "", "", "", "", "", "true", "", "", "WARNING", "1h", "No traffic in busy hours")
                .row("carrier", "", "", "", "", "", "", "", "", "true", "", "WARNING", "", "Carrier reports an incident")
                .row("carrier", "", "", "", "", "", "", "", "", "", "10", "WARNING", "30m",
                        "Inbound identity failures above 10 %");
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), shipped().toXlsx());
    }
}
