package io.trunkline.rules.classification;

import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped DestinationClassification table; {@link #main} rewrites the shipped file. */
public final class ClassificationTableSource {

    private ClassificationTableSource() {
    }

    public static DecisionTableWorkbook layout() {
        return new DecisionTableWorkbook("DestinationClassification")
                .headerLine("RuleSet", "io.trunkline.rules.classification")
                .headerLine("Sequential", "true")
                .headerLine("Notes", "Classes that the numbering plan alone does not tell. The first matching row wins; "
                        + "numbers no row names are classed by the numbering plan (internal, emergency, toll-free, "
                        + "premium, mobile, domestic, international). Site country: ISO codes, blank for any. "
                        + "Number starts with: prefixes separated by spaces (E.164 with +, or dialed short codes).")
                .table("DestinationClassification", "CONDITION", "CONDITION", "ACTION")
                .pattern("$d : Destination", 0, 1)
                .code("siteIn(\"$param\")", "callClass == null, startsWithAny(\"$param\")",
                        "modify($d) { classify(drools.getRule().getName(), \"$param\") }")
                .titles("Site country", "Number starts with", "Class");
    }

    public static DecisionTableWorkbook shipped() {
        return layout()
                .row("US CA", "911", "EMERGENCY")
                .row("GB", "999 112", "EMERGENCY")
                .row("", "112", "EMERGENCY")
                .row("", "+1800 +1833 +1844 +1855 +1866 +1877 +1888", "TOLL_FREE")
                .row("", "+1900 +1976", "PREMIUM")
                .row("", "+44800 +44808", "TOLL_FREE")
                .row("", "+449", "PREMIUM");
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), shipped().toXlsx());
    }
}
