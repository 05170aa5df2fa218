package io.trunkline.web.ruleset;

import io.trunkline.ejb.ruleset.api.LintFinding;
import io.trunkline.ejb.ruleset.api.LintReport;
import io.trunkline.ejb.ruleset.api.VersionDiff;
import io.trunkline.web.support.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The linter's report and a version diff as the API writes them, and the diff's query parameters as it reads them. */
final class RulebookReviewJson {

    private RulebookReviewJson() {
    }

    /** {@code {"rulebook","version","findings":[...],"errors","warnings"}}. */
    static Map<String, Object> lint(LintReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rulebook", report.rulebook());
        m.put("version", report.version());
        List<Object> findings = new ArrayList<>();
        for (LintFinding f : report.findings()) {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("severity", f.severity());
            finding.put("code", f.code());
            finding.put("rulebook", f.rulebook());
            finding.put("file", f.file());
            finding.put("sheet", f.sheet());
            finding.put("row", f.row());
            finding.put("column", f.column());
            finding.put("otherRows", f.otherRows());
            finding.put("message", f.message());
            findings.add(finding);
        }
        m.put("findings", findings);
        m.put("errors", report.errors());
        m.put("warnings", report.warnings());
        return m;
    }

    /** {@code {"rulebook","from","to","identical","files":[{"file","change","sheets"|"lines"}]}}. */
    static Map<String, Object> diff(VersionDiff d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rulebook", d.rulebook());
        m.put("from", d.from());
        m.put("to", d.to());
        m.put("identical", d.identical());
        List<Object> files = new ArrayList<>();
        for (VersionDiff.FileDiff f : d.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("file", f.file());
            file.put("change", f.change());
            if (f.lines().isEmpty()) {
                List<Object> sheets = new ArrayList<>();
                for (VersionDiff.SheetDiff s : f.sheets()) {
                    Map<String, Object> sheet = new LinkedHashMap<>();
                    sheet.put("sheet", s.sheet());
                    sheet.put("change", s.change());
                    sheet.put("added", rows(s.added()));
                    sheet.put("removed", rows(s.removed()));
                    sheet.put("changed", rows(s.changed()));
                    sheet.put("moved", rows(s.moved()));
                    sheets.add(sheet);
                }
                file.put("sheets", sheets);
            } else {
                List<Object> lines = new ArrayList<>();
                for (VersionDiff.LineDiff l : f.lines()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("change", l.change());
                    line.put("fromLine", l.fromLine());
                    line.put("toLine", l.toLine());
                    line.put("text", l.text());
                    lines.add(line);
                }
                file.put("lines", lines);
            }
            files.add(file);
        }
        m.put("files", files);
        return m;
    }

    private static List<Object> rows(List<VersionDiff.RowDiff> rows) {
        List<Object> out = new ArrayList<>();
        for (VersionDiff.RowDiff r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fromRow", r.fromRow());
            row.put("toRow", r.toRow());
            List<Object> cells = new ArrayList<>();
            for (VersionDiff.CellDiff c : r.cells()) {
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("fromRow", c.fromRow());
                cell.put("toRow", c.toRow());
                cell.put("column", c.column());
                cell.put("title", c.title());
                cell.put("old", c.oldValue());
                cell.put("new", c.newValue());
                cells.add(cell);
            }
            row.put("cells", cells);
            out.add(row);
        }
        return out;
    }

    /** A version number given as a query parameter: required, a whole number from 1. */
    static int version(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, "is required: the version number, as GET /rulebooks/{name}/versions lists them");
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < 1) {
                throw ApiException.badRequest(field, "'" + value + "' is not a version: versions are numbered from 1");
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, "'" + value + "' is not a version number");
        }
    }
}
