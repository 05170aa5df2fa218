package io.trunkline.ejb.ruleset.infrastructure;

import io.trunkline.ejb.ruleset.domain.DecisionTable;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.xmlbeans.ThreadLocalUtil;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * Reads a decision-table workbook into {@link DecisionTable}s: the cells as the analyst sees them ({@link TableCells})
 * and, for each data row, how its rule fires, from the DRL Drools compiles the workbook to (salience, activation group,
 * {@code enabled}; the fields its conditions test for null and whether its consequence modifies the fact). Rules are
 * matched to rows by the compiler's {@code // rule values at B10, header at B5} comments, which hold whatever the rule
 * is named.
 */
public final class DecisionTables {

    private static final Pattern VALUES_AT = Pattern.compile("^//\\s*rule values at ([A-Z]+)(\\d+), header at ([A-Z]+\\d+)");
    private static final Pattern SALIENCE = Pattern.compile("^salience\\s+(-?\\d+)");
    private static final Pattern GROUP = Pattern.compile("^activation-group\\s+\"([^\"]*)\"");
    private static final Pattern DISABLED = Pattern.compile("^enabled\\s+false");
    private static final Pattern NULL_TEST = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*==\\s*null\\b");
    private static final Pattern MODIFY = Pattern.compile("\\bmodify\\s*\\(");

    private DecisionTables() {
    }

    /** The RuleTables of {@code workbook}; none when it is not one. Rows without a compiled rule have no firing. */
    public static List<DecisionTable> read(String file, byte[] workbook) {
        Map<String, Deque<DecisionTable.Firing>> rules = rules(workbook);
        List<DecisionTable> out = new ArrayList<>();
        for (TableCells.Table t : TableCells.read(workbook)) {
            List<DecisionTable.Column> columns = t.columns().stream()
                    .map(c -> new DecisionTable.Column(c.letter(), c.kind(), c.code(), c.title())).toList();
            List<DecisionTable.Row> rows = new ArrayList<>();
            for (TableCells.DataRow r : t.rows()) {
                Map<String, String> cells = new HashMap<>();
                for (TableCells.Column c : t.columns()) {
                    String v = r.value(c);
                    if (!v.isEmpty()) {
                        cells.put(c.letter(), v);
                    }
                }
                Deque<DecisionTable.Firing> firing = rules.get(t.at() + "#" + r.number());
                rows.add(new DecisionTable.Row(r.number(), cells, firing == null ? null : firing.poll()));
            }
            out.add(new DecisionTable(file, t.sheet(), t.name(), columns, rows));
        }
        return out;
    }

    /**
     * The firing of each compiled rule by its table's header cell and row ({@code B5#10}); several sheets with a table
     * at the same cell queue theirs in sheet order, the order the compiler writes them in.
     */
    private static Map<String, Deque<DecisionTable.Firing>> rules(byte[] workbook) {
        String drl;
        try {
            drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(workbook), InputType.XLS);
        } catch (RuntimeException e) {
            return Map.of();
        } finally {
            ThreadLocalUtil.clearAllThreadLocals(); // see RulebookCompiler#compile
        }
        Map<String, Deque<DecisionTable.Firing>> out = new HashMap<>();
        String key = null;
        int salience = 0;
        String group = null;
        boolean enabled = true;
        boolean inRule = false;
        StringBuilder lhs = new StringBuilder();
        StringBuilder rhs = new StringBuilder();
        StringBuilder part = null;
        for (String raw : drl.split("\r?\n")) {
            String line = raw.trim();
            Matcher at = VALUES_AT.matcher(line);
            if (at.find()) {
                key = at.group(3) + "#" + at.group(2);
                continue;
            }
            if (key == null) {
                continue;
            }
            if (!inRule && line.startsWith("rule ")) {
                inRule = true;
                salience = 0;
                group = null;
                enabled = true;
                lhs.setLength(0);
                rhs.setLength(0);
                part = null;
            } else if (inRule && line.equals("when")) {
                part = lhs;
            } else if (inRule && line.equals("then")) {
                part = rhs;
            } else if (inRule && line.equals("end")) {
                out.computeIfAbsent(key, k -> new ArrayDeque<>())
                        .add(new DecisionTable.Firing(salience, group, nullTests(lhs), MODIFY.matcher(rhs).find(), enabled));
                inRule = false;
                key = null;
            } else if (inRule && part == null) {
                Matcher m = SALIENCE.matcher(line);
                if (m.find()) {
                    salience = Integer.parseInt(m.group(1));
                }
                Matcher g = GROUP.matcher(line);
                if (g.find()) {
                    group = g.group(1);
                }
                if (DISABLED.matcher(line).find()) {
                    enabled = false;
                }
            } else if (inRule) {
                part.append(line).append('\n');
            }
        }
        return out;
    }

    private static Set<String> nullTests(CharSequence lhs) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NULL_TEST.matcher(lhs);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
