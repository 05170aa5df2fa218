package io.trunkline.rules.routing;

import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped RoutingPolicy table; {@link #main} rewrites the shipped file. */
public final class RoutingPolicyTableSource {

    private RoutingPolicyTableSource() {
    }

    public static DecisionTableWorkbook layout() {
        return new DecisionTableWorkbook("RoutingPolicy")
                .headerLine("RuleSet", "io.trunkline.rules.routing")
                .headerLine("Sequential", "true")
                .headerLine("Notes", "One row per policy; the first matching row wins, so put specific rows above general "
                        + "ones. Blank conditions match everything. PBX: ids or *. Class: EMERGENCY, INTERNAL, TOLL_FREE, "
                        + "PREMIUM, INTERNATIONAL, DOMESTIC, MOBILE. Time window: site local time, e.g. 08:00-18:00 Mon-Fri. "
                        + "Carriers: in order for PRIORITY, carrier:weight for WEIGHTED, the set to compare for LEAST_COST. "
                        + "Below floor: LAST (try after the others) or DROP. Caller ID: MAIN_NUMBER (present the site's main "
                        + "number where a carrier does not hold the caller's) or PREFER_HOLDER (carriers holding the caller's "
                        + "number first). Attestation floor: A, B or C, the lowest STIR/SHAKEN attestation a call may arrive with "
                        + "(carriers that would deliver less are dropped). Attestation premium %: how much more per minute "
                        + "a carrier delivering A may cost than the cheapest and still go first. Strategy: LEAST_COST, "
                        + "PRIORITY, WEIGHTED or REJECT.")
                .table("RoutingPolicy", "CONDITION", "CONDITION", "CONDITION", "CONDITION",
                        "ACTION", "ACTION", "ACTION", "ACTION", "ACTION", "ACTION", "ACTION", "ACTION", "ACTION")
                .pattern("$q : PolicyQuery", 0, 3)
                .code("pbxIn(\"$param\")", "decidedBy == null, callClass == \"$param\"",
                        "destinationStartsWith(\"$param\")", "within(\"$param\")",
                        "$q.setCarriers(\"$param\");", "$q.setMinAsr($param);", "$q.setMinMos($param);",
                        "$q.setFloorAction(\"$param\");", "$q.setMaxRate(new java.math.BigDecimal(\"$param\"));",
                        "$q.setCallerId(\"$param\");", "$q.setAttestationFloor(\"$param\");",
                        "$q.setAttestationPremium(new java.math.BigDecimal(\"$param\"));",
                        "modify($q) { choose(drools.getRule().getName(), \"$param\") }")
                .titles("PBX", "Class", "Destination starts with", "Time window", "Carriers", "Min ASR %", "Min MOS",
                        "Below floor", "Max rate per minute", "Caller ID", "Attestation floor", "Attestation premium %", "Strategy");
    }

    public static DecisionTableWorkbook shipped() {
        return layout()
                .row("*", "EMERGENCY", "", "", "", "", "", "", "", "", "", "", "PRIORITY")
                .row("*", "INTERNAL", "", "", "", "", "", "", "", "", "", "", "PRIORITY")
                .row("*", "PREMIUM", "", "", "", "", "", "", "", "", "", "", "REJECT")
                .row("*", "INTERNATIONAL", "+1", "", "carrier-b carrier-a", "", "", "", "", "", "", "", "PRIORITY")
                .row("*", "INTERNATIONAL", "", "", "carrier-a carrier-b", "", "", "", "1.00", "", "", "", "PRIORITY")
                .row("*", "TOLL_FREE", "", "", "carrier-a carrier-b", "", "", "", "", "", "", "", "PRIORITY")
                .row("branch-asterisk", "DOMESTIC", "", "", "carrier-a:70 carrier-b:30", "", "", "", "", "", "", "", "WEIGHTED")
                .row("*", "DOMESTIC", "", "", "carrier-a carrier-c", "40", "3.5", "LAST", "", "PREFER_HOLDER", "", "", "LEAST_COST")
                .row("*", "MOBILE", "", "", "carrier-a carrier-c", "", "", "", "", "", "", "", "LEAST_COST");
    }

    /**
     * The shipped policy with the Canada row deleted (so Canada follows the general international row),
     * the edit that the worked example's scenario "Canada goes via carrier B" must catch.
     */
    public static DecisionTableWorkbook withoutCanadaRow() {
        return shipped().removeRow(3);
    }

    /**
     * The shipped policy with its Canada row (international calls to +1, which from a US site are Canada's) giving
     * {@code carriers} and {@code strategy}: {@code "carrier-c carrier-a", "PRIORITY"} moves Canada from B to C.
     */
    public static DecisionTableWorkbook canadaVia(String carriers, String strategy) {
        DecisionTableWorkbook shipped = shipped();
        DecisionTableWorkbook out = layout();
        for (int i = 0; i < shipped.rowCount(); i++) {
            java.util.List<String> cells = new java.util.ArrayList<>(shipped.rowCells(i));
            if (i == CANADA_ROW) {
                cells.set(4, carriers);
                cells.set(12, strategy);
            }
            out.row(cells.toArray(String[]::new));
        }
        return out;
    }

    /** The Canada row giving {@code carriers} in priority order. */
    public static DecisionTableWorkbook canadaVia(String carriers) {
        return canadaVia(carriers, "PRIORITY");
    }

    /** The data row (0-based) of the Canada policy in {@link #shipped}. */
    public static final int CANADA_ROW = 3;

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), shipped().toXlsx());
    }
}
