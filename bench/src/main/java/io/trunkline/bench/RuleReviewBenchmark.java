package io.trunkline.bench;

import io.trunkline.ejb.routing.domain.RoutingFixtures;
import io.trunkline.ejb.ruleset.api.LintReport;
import io.trunkline.ejb.ruleset.api.VersionDiff;
import io.trunkline.ejb.ruleset.application.RoutingLintData;
import io.trunkline.ejb.ruleset.infrastructure.RulebookDiffer;
import io.trunkline.ejb.ruleset.infrastructure.RulebookLinter;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.dialplan.DialPlanTableSource;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What an analyst waits for when reviewing a rule version: the linter on the shipped routing table with the demo's
 * master data, and on a generated dial plan of {@code rows} rows over the demo's three PBXs; the cell-level diff of
 * that dial plan against itself with one row inserted and one cell changed. Each includes reading the workbook (POI)
 * and, for the linter, compiling it to DRL to learn how its rows fire.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RuleReviewBenchmark {

    private static final String DIAL_PLAN = "DialPlanNormalization.drl.xlsx";

    @Param({"500", "2000"})
    public int rows;

    private final RulebookLinter linter = new RulebookLinter();
    private final RulebookDiffer differ = new RulebookDiffer();
    private RoutingLintData demo;
    private Map<String, byte[]> routing;
    private Map<String, byte[]> plan;
    private Map<String, byte[]> edited;

    @Setup(Level.Trial)
    public void setUp() {
        demo = new RoutingLintData(RoutingFixtures.enterprise().build());
        routing = Map.of("RoutingPolicy.drl.xlsx", RoutingPolicyTableSource.shipped().toXlsx());
        plan = Map.of(DIAL_PLAN, dialPlan(rows, false).toXlsx());
        edited = Map.of(DIAL_PLAN, dialPlan(rows, true).toXlsx());
    }

    /** Emergency rows for each PBX, then {@code rows} patterns of 9 + four digits + four or more digits. */
    static DecisionTableWorkbook dialPlan(int rows, boolean edit) {
        String[] pbxs = {"hq-cucm", "branch-asterisk", "london-teams"};
        DecisionTableWorkbook t = DialPlanTableSource.layout();
        for (String pbx : pbxs) {
            t.row(pbx, "911", "0", "", "", "EMERGENCY");
        }
        Random random = new Random(7);
        for (int i = 0; i < rows; i++) {
            String pbx = pbxs[random.nextInt(pbxs.length)];
            String pattern = "9" + (1000 + i) + "XXXX" + (random.nextBoolean() ? "." : "X");
            t.row(pbx, pattern, "1", edit && i == rows / 3 ? "+44" : "+1", "", "E164");
            if (edit && i == rows / 2) {
                t.row(pbx, "8" + (1000 + i) + "XX", "1", "", "", "EXTENSION");
            }
        }
        return t;
    }

    @Benchmark
    public LintReport lintShippedRouting() {
        return linter.lint(Rulebook.ROUTING, 1, routing, demo);
    }

    @Benchmark
    public LintReport lintDialPlan() {
        return linter.lint(Rulebook.DIALPLAN, 1, plan, demo);
    }

    @Benchmark
    public VersionDiff diffDialPlan() {
        return differ.diff("dialplan", 1, 2, plan, edited);
    }
}
