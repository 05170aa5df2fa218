package io.trunkline.rules.dialplan;

import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of the shipped DialPlanNormalization table, as a builder: tests derive edited or broken
 * versions from it, and {@link #main} rewrites the shipped file when its layout changes.
 */
public final class DialPlanTableSource {

    private DialPlanTableSource() {
    }

    public static DecisionTableWorkbook layout() {
        return new DecisionTableWorkbook("DialPlanNormalization")
                .headerLine("RuleSet", "io.trunkline.rules.dialplan")
                .headerLine("Sequential", "true")
                .headerLine("Notes", "One row per dial pattern of a PBX; the first row that matches decides. "
                        + "Dialed pattern: X any digit, Z 1-9, N 2-9, [1-4] a range, '.' one or more digits. "
                        + "Strip: leading digits removed. Prepend: put in front of what remains. "
                        + "Result type: E164, EXTENSION or EMERGENCY.")
                .table("DialPlanNormalization", "CONDITION", "CONDITION", "ACTION", "ACTION", "ACTION")
                .pattern("$d : DialString", 0, 1)
                .code("result == null, rejection == null, pbx == \"$param\"", "dialed(\"$param\")", "$d.setStrip($param);", "$d.setPrepend(\"$param\");",
                        "modify($d) { decide(drools.getRule().getName(), \"$param\") }")
                .titles("PBX", "Dialed pattern", "Strip digits", "Prepend", "Result type");
    }

    public static DecisionTableWorkbook shipped() {
        return layout()
                .row("hq-cucm", "911", "0", "", "EMERGENCY")
                .row("hq-cucm", "9911", "1", "", "EMERGENCY")
                .row("hq-cucm", "91NXXNXXXXXX", "2", "+1", "E164")
                .row("hq-cucm", "9NXXNXXXXXX", "1", "+1", "E164")
                .row("hq-cucm", "9011Z.", "4", "+", "E164")
                .row("hq-cucm", "[1-4]XXX", "0", "", "EXTENSION")
                .row("hq-cucm", "+Z.", "0", "", "E164");
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.write(out, shipped().toXlsx());
    }
}
