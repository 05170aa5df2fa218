package io.trunkline.ejb.ruleset.infrastructure;

import io.trunkline.ejb.ruleset.api.LintFinding;
import io.trunkline.ejb.ruleset.api.LintReport;
import io.trunkline.ejb.ruleset.api.RuleProblem;
import io.trunkline.ejb.ruleset.domain.DecisionTable;
import io.trunkline.ejb.ruleset.domain.LintMasterData;
import io.trunkline.ejb.ruleset.domain.TableLint;
import io.trunkline.rules.EnumeratedColumns;
import io.trunkline.rules.Rulebook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lints one version of a rulebook: reads its decision tables with how their rows fire ({@link DecisionTables}),
 * runs {@link TableLint} on them against master data, and adds the carrier and PBX cells naming ids master data does
 * not hold ({@code UNKNOWN_CARRIER}, {@code UNKNOWN_PBX}, from {@link EnumeratedCellCheck}).
 */
public final class RulebookLinter {

    private final TableLint lint = new TableLint();
    private final EnumeratedCellCheck cells = new EnumeratedCellCheck();

    public LintReport lint(Rulebook rulebook, int version, Map<String, byte[]> files, LintMasterData data) {
        List<DecisionTable> tables = new ArrayList<>();
        for (String file : rulebook.decisionTables()) {
            if (files.containsKey(file)) {
                tables.addAll(DecisionTables.read(file, files.get(file)));
            }
        }
        List<LintFinding> findings = new ArrayList<>(lint.lint(rulebook.kbaseName(), tables, data));
        EnumeratedCellCheck.KnownIds known = new EnumeratedCellCheck.KnownIds(data.carriers(), data.pbxCountries().keySet());
        for (EnumeratedCellCheck.UnknownId unknown : cells.unknownIds(rulebook, files, known)) {
            RuleProblem p = unknown.problem();
            findings.add(new LintFinding(LintFinding.Severity.ERROR,
                    unknown.domain() == EnumeratedColumns.Domain.CARRIERS ? "UNKNOWN_CARRIER" : "UNKNOWN_PBX",
                    rulebook.kbaseName(), p.resource(), p.sheet(), p.row(), p.column(), List.of(),
                    "Row " + p.row() + ": " + p.message()));
        }
        findings.sort(TableLint.ORDER);
        return new LintReport(rulebook.kbaseName(), version, findings);
    }
}
