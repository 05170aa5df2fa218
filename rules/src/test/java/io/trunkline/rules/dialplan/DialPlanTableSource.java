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
                        + "Target PBX: for extensions of another PBX reached by a prefix, that PBX's id. "
                        + "Result type: E164, EXTENSION or EMERGENCY.")
                .table("DialPlanNormalization", "CONDITION", "CONDITION", "ACTION", "ACTION", "ACTION", "ACTION")
                .pattern("$d : DialString", 0, 1)
                .code("result == null, rejection == null, pbx == \"$param\"", "dialed(\"$param\")", "$d.setStrip($param);", "$d.setPrepend(\"$param\");",
                        "$d.setTargetPbx(\"$param\");", "modify($d) { decide(drools.getRule().getName(), \"$param\") }")
                .titles("PBX", "Dialed pattern", "Strip digits", "Prepend", "Target PBX", "Result type");
    }

    public static DecisionTableWorkbook shipped() {
        return layout()
                .row("hq-cucm", "911", "0", "", "", "EMERGENCY")
                .row("hq-cucm", "9911", "1", "", "", "EMERGENCY")
                .row("hq-cucm", "91NXXNXXXXXX", "2", "+1", "", "E164")
                .row("hq-cucm", "9NXXNXXXXXX", "1", "+1", "", "E164")
                .row("hq-cucm", "9011Z.", "4", "+", "", "E164")
                .row("hq-cucm", "82XXX", "1", "", "branch-asterisk", "EXTENSION")
                .row("hq-cucm", "5XXX", "0", "", "london-teams", "EXTENSION")
                .row("hq-cucm", "[2-4]XXX", "0", "", "", "EXTENSION")
                .row("hq-cucm", "+Z.", "0", "", "", "E164")
                .row("branch-asterisk", "911", "0", "", "", "EMERGENCY")
                .row("branch-asterisk", "9NXXNXXXXXX", "1", "+1", "", "E164")
                .row("branch-asterisk", "9011Z.", "4", "+", "", "E164")
                .row("branch-asterisk", "7[2-4]XXX", "1", "", "hq-cucm", "EXTENSION")
                .row("branch-asterisk", "5XXX", "0", "", "london-teams", "EXTENSION")
                .row("branch-asterisk", "2XXX", "0", "", "", "EXTENSION")
                .row("london-teams", "999", "0", "", "", "EMERGENCY")
                .row("london-teams", "112", "0", "", "", "EMERGENCY")
                .row("london-teams", "+Z.", "0", "", "", "E164")
                .row("london-teams", "00Z.", "2", "+", "", "E164")
                .row("london-teams", "0ZXXXXXXXXX", "1", "+44", "", "E164")
                .row("london-teams", "5XXX", "0", "", "", "EXTENSION");
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.write(out, shipped().toXlsx());
    }
}
