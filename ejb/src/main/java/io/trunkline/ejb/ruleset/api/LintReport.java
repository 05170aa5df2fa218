package io.trunkline.ejb.ruleset.api;

import java.io.Serializable;
import java.util.List;

/** What the linter found in one stored version of a rulebook, errors first, then by file, sheet and row. */
public record LintReport(String rulebook, int version, List<LintFinding> findings) implements Serializable {

    public LintReport {
        findings = List.copyOf(findings);
    }

    public long errors() {
        return count(LintFinding.Severity.ERROR);
    }

    public long warnings() {
        return count(LintFinding.Severity.WARNING);
    }

    private long count(LintFinding.Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
