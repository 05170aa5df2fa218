package io.trunkline.ejb.ruleset.infrastructure;

import io.trunkline.ejb.ruleset.api.RuleProblem;
import io.trunkline.rules.Rulebook;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.xmlbeans.ThreadLocalUtil;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles one rulebook from bytes into its own kbase. Nothing is read from the classpath by scanning:
 * the caller hands every resource, so the same code compiles the shipped files and an uploaded table.
 */
public final class RulebookCompiler {

    private static final Pattern RULE_NAME = Pattern.compile("rule \"?([A-Za-z][A-Za-z0-9]*)_(\\d+)\"?");
    private static final AtomicLong BUILDS = new AtomicLong();

    private final ClassLoader factClassLoader;

    /** @param factClassLoader sees the rules module's fact classes */
    public RulebookCompiler(ClassLoader factClassLoader) {
        this.factClassLoader = factClassLoader;
    }

    /** The compiled kbase, or the problems that stopped it. */
    public record Outcome(KieBase kieBase, List<RuleProblem> problems) {
        public boolean compiled() {
            return kieBase != null;
        }
    }

    /**
     * Compiles {@code resources} as {@code rulebook}. The decision tables are read through POI, whose XMLBeans keeps
     * caches in thread locals of its own classes; they are cleared before returning, since on a container thread they
     * would keep the whole deployment loaded after an undeployment.
     */
    public Outcome compile(Rulebook rulebook, Map<String, byte[]> resources) {
        try {
            return build(rulebook, resources);
        } finally {
            ThreadLocalUtil.clearAllThreadLocals();
        }
    }

    private Outcome build(Rulebook rulebook, Map<String, byte[]> resources) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("io.trunkline.rulebooks", rulebook.kbaseName(),
                "1.0." + BUILDS.incrementAndGet());
        KieModuleModel module = ks.newKieModuleModel();
        module.newKieBaseModel(rulebook.kbaseName()).addPackage(rulebook.packageName()).setDefault(true);
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.writeKModuleXML(module.toXML());
        kfs.generateAndWritePomXML(releaseId);
        for (Map.Entry<String, byte[]> r : resources.entrySet()) {
            kfs.write("src/main/resources/" + rulebook.resourceFolder() + r.getKey(), r.getValue());
        }
        List<RuleProblem> problems = new ArrayList<>();
        KieBuilder builder;
        try {
            builder = ks.newKieBuilder(kfs, factClassLoader).buildAll();
        } catch (RuntimeException e) {
            // The decision-table parser throws on a sheet it cannot read at all.
            problems.add(new RuleProblem(firstTable(rulebook, resources), null, null, rootMessage(e)));
            return new Outcome(null, problems);
        }
        Map<String, String[]> generatedDrl = new java.util.HashMap<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(locate(rulebook, m, resources, generatedDrl));
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            return new Outcome(null, problems);
        }
        KieContainer container = ks.newKieContainer(releaseId, factClassLoader);
        KieBase kieBase = container.getKieBase(rulebook.kbaseName());
        ks.getRepository().removeKieModule(releaseId);
        return new Outcome(kieBase, List.of());
    }

    private static RuleProblem locate(Rulebook rulebook, Message m, Map<String, byte[]> resources,
                                      Map<String, String[]> generatedDrl) {
        String path = m.getPath() == null ? "" : m.getPath();
        String resource = path.substring(path.lastIndexOf('/') + 1);
        String text = m.getText() == null ? "" : m.getText().trim();
        if (Rulebook.isDecisionTable(resource)) {
            // Drools names a table's rules <RuleTable name>_<spreadsheet row>: find the rule either in the
            // message or, by the message's line, in the DRL the table compiles to.
            Matcher rule = RULE_NAME.matcher(text);
            if (!rule.find() && m.getLine() > 0 && resources.containsKey(resource)) {
                String[] drl = generatedDrl.computeIfAbsent(resource, r -> drlOf(resources.get(r)));
                rule = null;
                for (int i = Math.min(m.getLine(), drl.length) - 1; i >= 0 && rule == null; i--) {
                    Matcher candidate = RULE_NAME.matcher(drl[i].trim());
                    if (candidate.lookingAt()) {
                        rule = candidate;
                    }
                }
            }
            if (rule != null) {
                int row = Integer.parseInt(rule.group(2));
                String[] cell = resources.containsKey(resource) ? cellIn(resources.get(resource), rule.group(1), row, text) : null;
                return new RuleProblem(resource, cell == null ? rule.group(1) : cell[0], row,
                        cell == null ? null : cell[1], text);
            }
            return new RuleProblem(resource, null, null, text);
        }
        return new RuleProblem(resource.isEmpty() ? rulebook.kbaseName() : resource, null,
                m.getLine() > 0 ? m.getLine() : null, text);
    }

    /**
     * The sheet holding table {@code table} and the column of the cell in {@code row} whose text the
     * compiler's message quotes (the longest such cell), or null when no cell is quoted.
     */
    static String[] cellIn(byte[] xlsx, String table, int row, String message) {
        try (org.apache.poi.ss.usermodel.Workbook wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(
                new ByteArrayInputStream(xlsx))) {
            org.apache.poi.ss.usermodel.DataFormatter format = new org.apache.poi.ss.usermodel.DataFormatter();
            for (org.apache.poi.ss.usermodel.Sheet sheet : wb) {
                boolean holdsTable = false;
                for (org.apache.poi.ss.usermodel.Row r : sheet) {
                    for (org.apache.poi.ss.usermodel.Cell c : r) {
                        if (format.formatCellValue(c).trim().equals("RuleTable " + table)) {
                            holdsTable = true;
                        }
                    }
                }
                org.apache.poi.ss.usermodel.Row r = sheet.getRow(row - 1);
                if (!holdsTable || r == null) {
                    continue;
                }
                String column = null;
                int longest = 0;
                for (org.apache.poi.ss.usermodel.Cell c : r) {
                    String value = format.formatCellValue(c).trim();
                    if (!value.isEmpty() && value.length() > longest && message.contains(value)) {
                        longest = value.length();
                        column = org.apache.poi.ss.util.CellReference.convertNumToColString(c.getColumnIndex());
                    }
                }
                return new String[]{sheet.getSheetName(), column};
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Locating the cell is a help, not a condition: the row is still reported.
        }
        return null;
    }

    private static String[] drlOf(byte[] table) {
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(table), InputType.XLS);
            return drl.split("\r?\n", -1);
        } catch (RuntimeException e) {
            return new String[0];
        }
    }

    private static String firstTable(Rulebook rulebook, Map<String, byte[]> resources) {
        return resources.keySet().stream().filter(Rulebook::isDecisionTable).findFirst().orElse(rulebook.kbaseName());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
