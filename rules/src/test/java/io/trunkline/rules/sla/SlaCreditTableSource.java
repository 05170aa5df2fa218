package io.trunkline.rules.sla;

import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped SlaCredit table; {@link #main} rewrites the shipped file. */
public final class SlaCreditTableSource {

    private SlaCreditTableSource() {
    }

    public static DecisionTableWorkbook layout() {
        return new DecisionTableWorkbook("SlaCredit")
                .headerLine("RuleSet", "io.trunkline.rules.sla")
                .headerLine("Notes", "One row per measure of a carrier's month that earns a service credit. Measure: "
                        + "availability, asr, ner, pdd or mos. Missed the term: true when the month missed the contract's "
                        + "target, floor or ceiling for that measure (a measure the contract sets no term for never misses). "
                        + "Min calls in month: the month's call attempts below which the measure is not claimed (blank: "
                        + "always). Credit %: of the monthly charge, or schedule for the contract's credit schedule band of "
                        + "the month's availability. The first row that holds for a measure decides; the month's credit is "
                        + "the largest of its measures' credits, at most 100 %.")
                .table("SlaCredit", "CONDITION", "CONDITION", "CONDITION", "ACTION")
                .pattern("$m : SlaMeasure", 0, 2)
                .code("measure == \"$param\"", "breached == $param", "attempts >= $param",
                        "$m.credit(drools.getRule().getName(), \"$param\");")
                .titles("Measure", "Missed the term", "Min calls in month", "Credit %");
    }

    public static DecisionTableWorkbook shipped() {
        return layout()
                .row("availability", "true", "", "schedule")
                .row("asr", "true", "1000", "2")
                .row("ner", "true", "1000", "2")
                .row("pdd", "true", "1000", "2")
                .row("mos", "true", "1000", "2");
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), shipped().toXlsx());
    }
}
