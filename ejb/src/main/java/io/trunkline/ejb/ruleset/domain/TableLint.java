package io.trunkline.ejb.ruleset.domain;

import io.trunkline.ejb.ruleset.api.LintFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The linter's checks of a rule version's decision tables that need no workbook: each table's rows against each other
 * ({@link RowCoverage}), a routing table's carriers against master data ({@link CarrierReach}), and every site's
 * emergency calls through the dial plan and the routing table to a carrier ({@link EmergencyReach}). Which checks
 * apply to a table is told by what its columns' code calls, not by its file name.
 */
public final class TableLint {

    /** Errors first, then by file, sheet, row and column (findings without one first), and code. */
    public static final Comparator<LintFinding> ORDER = Comparator
            .comparing(LintFinding::severity)
            .thenComparing(f -> f.file() == null ? "" : f.file())
            .thenComparing(f -> f.sheet() == null ? "" : f.sheet())
            .thenComparing(f -> f.row() == null ? 0 : f.row())
            .thenComparing(f -> f.column() == null ? "" : f.column(), SheetGrid.COLUMNS)
            .thenComparing(LintFinding::code);

    public List<LintFinding> lint(String rulebook, List<DecisionTable> tables, LintMasterData data) {
        List<LintFinding> out = new ArrayList<>();
        for (DecisionTable table : tables) {
            RowCoverage coverage = new RowCoverage(rulebook, table);
            RowCoverage.Result rows = coverage.check();
            out.addAll(rows.findings());
            out.addAll(CarrierReach.check(rulebook, table, data, rows.neverDecide()));
            out.addAll(EmergencyReach.routing(rulebook, table, coverage.firingOrder(), rows.neverDecide(), data));
            out.addAll(EmergencyReach.dialling(rulebook, table, rows.neverDecide(), data));
        }
        out.sort(ORDER);
        return out;
    }
}
