package io.trunkline.ejb.ruleset.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.ruleset.api.RuleProblem;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.dialplan.DialPlanTableSource;
import io.trunkline.rules.dialplan.DialString;
import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/** Compiling the shipped rulebooks, and replacing the analysts' table at run time: good, broken, garbage. */
class RulebookRegistryTest {

    private static final String TABLE = "DialPlanNormalization.drl.xlsx";
    private RulebookRegistry registry;

    /** The shipped rulebooks compiled, on a fixed clock. */
    static RulebookRegistry shippedRegistry() {
        ClassLoader cl = Rulebook.class.getClassLoader();
        return new RulebookRegistry(new RulebookCompiler(cl), cl,
                Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
    }

    @BeforeEach
    void build() {
        registry = shippedRegistry();
    }

    private static DialString normalize(KieBase kbase, String pbx, String digits) {
        KieSession s = kbase.newKieSession();
        try {
            DialString d = new DialString(new io.trunkline.contract.telecom.PbxId(pbx), digits);
            s.insert(d);
            s.fireAllRules();
            return d;
        } finally {
            s.dispose();
        }
    }

    @Test
    void shippedRulebooksCompileAsVersionOne() {
        RulebookVersion v = registry.active(Rulebook.DIALPLAN).version();
        assertThat(v.label()).isEqualTo("dialplan@1");
        assertThat(v.checksum()).hasSize(64);
        assertThat(v.resources()).containsExactlyElementsOf(Rulebook.DIALPLAN.resources());
        assertThat(normalize(registry.active(Rulebook.DIALPLAN).kieBase(), "hq-cucm", "92125551234").getResult())
                .isEqualTo("+12125551234");
    }

    @Test
    void replacedTableDecidesTheNextCallWhileARunningSessionKeepsItsVersion() throws Exception {
        KieBase before = registry.active(Rulebook.DIALPLAN).kieBase();
        byte[] edited = DialPlanTableSource.shipped()
                .row("branch-asterisk", "0ZXXXXXXXXX", "1", "+44", "", "E164")
                .toXlsx();

        RulebookVersion v2 = registry.replace(Rulebook.DIALPLAN, TABLE, edited, "ana", "add London branch");

        assertThat(v2.label()).isEqualTo("dialplan@2");
        assertThat(v2.author()).isEqualTo("ana");
        assertThat(v2.checksum()).isNotEqualTo(RulebookRegistry.checksum(java.util.Map.of()));
        KieBase after = registry.active(Rulebook.DIALPLAN).kieBase();
        assertThat(normalize(after, "branch-asterisk", "02071234567").getResult()).isEqualTo("+442071234567");
        assertThat(normalize(before, "branch-asterisk", "02071234567").getRejection())
                .as("a decision that started on version 1 ends on version 1").contains("no dial-plan row");
        assertThat(registry.active(Rulebook.DIALPLAN).resources().get(TABLE)).isEqualTo(edited);
    }

    @Test
    void brokenTableIsRefusedWithSheetAndRowAndTheActiveVersionStays() {
        DecisionTableWorkbook broken = DialPlanTableSource.shipped().row("hq-cucm", "8XXX", "two", "", "", "EXTENSION");
        int badRow = broken.sheetRowOf(broken.rowCount() - 1);
        RulebookVersion before = registry.active(Rulebook.DIALPLAN).version();

        assertThatThrownBy(() -> registry.replace(Rulebook.DIALPLAN, TABLE, broken.toXlsx(), "ana", "typo"))
                .isInstanceOfSatisfying(RulebookRejectedException.class, e -> {
                    assertThat(e.problems()).isNotEmpty();
                    RuleProblem p = e.problems().get(0);
                    assertThat(p.describe()).as(e.problems().toString()).contains("row");
                    assertThat(p.resource()).isEqualTo(TABLE);
                    assertThat(p.sheet()).isEqualTo("DialPlanNormalization");
                    assertThat(p.row()).isEqualTo(badRow);
                    assertThat(p.column()).as("the Strip digits column, where 'two' stands").isEqualTo("D");
                    assertThat(e.getMessage()).contains("active version is unchanged");
                });

        assertThat(registry.active(Rulebook.DIALPLAN).version()).isEqualTo(before);
        assertThat(normalize(registry.active(Rulebook.DIALPLAN).kieBase(), "hq-cucm", "2001").getResult()).isEqualTo("2001");
    }

    @Test
    void fileThatIsNotASpreadsheetIsRefused() {
        byte[] garbage = "this is not a spreadsheet".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> registry.replace(Rulebook.DIALPLAN, TABLE, garbage, "ana", "oops"))
                .isInstanceOfSatisfying(RulebookRejectedException.class,
                        e -> assertThat(e.problems()).extracting(RuleProblem::resource).contains(TABLE));
        assertThat(registry.active(Rulebook.DIALPLAN).version().version()).isEqualTo(1);
    }

    @Test
    void unknownFileAndEmptyUploadAreInputErrors() {
        assertThatThrownBy(() -> registry.replace(Rulebook.DIALPLAN, "Other.xlsx", new byte[]{1}, "ana", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no file Other.xlsx");
        assertThatThrownBy(() -> registry.replace(Rulebook.DIALPLAN, TABLE, new byte[0], "ana", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void startFromAStoredVersionCompiledBesideTheShippedOnes() throws Exception {
        byte[] edited = DialPlanTableSource.shipped()
                .row("branch-asterisk", "0ZXXXXXXXXX", "1", "+44", "", "E164")
                .toXlsx();
        Map<String, byte[]> files = registry.withFile(Rulebook.DIALPLAN, TABLE, edited);
        ClassLoader cl = Rulebook.class.getClassLoader();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try {
            RulebookRegistry started = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC(),
                    r -> r == Rulebook.DIALPLAN
                            ? Optional.of(new RulebookRegistry.Start(7, files, "ana", "add London branch"))
                            : Optional.empty(),
                    task -> pool.execute(() -> {
                        threads.add(Thread.currentThread().getName());
                        task.run();
                    }));

            RulebookVersion dialplan = started.active(Rulebook.DIALPLAN).version();
            assertThat(dialplan.label()).isEqualTo("dialplan@7");
            assertThat(dialplan.author()).isEqualTo("ana");
            assertThat(normalize(started.active(Rulebook.DIALPLAN).kieBase(), "branch-asterisk", "02071234567")
                    .getResult()).isEqualTo("+442071234567");
            for (Rulebook r : Rulebook.values()) {
                if (r != Rulebook.DIALPLAN) {
                    assertThat(started.active(r).version().version()).as(r.kbaseName()).isEqualTo(1);
                    assertThat(started.active(r).version().checksum()).as(r.kbaseName())
                            .isEqualTo(registry.active(r).version().checksum());
                }
            }
            assertThat(threads).as("the rulebooks are compiled on the executor given").isNotEmpty()
                    .allMatch(t -> t.startsWith("pool-"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void startRefusedNamingTheStoredVersionThatDoesNotCompile() {
        DecisionTableWorkbook broken = DialPlanTableSource.shipped().row("hq-cucm", "8XXX", "two", "", "", "EXTENSION");
        Map<String, byte[]> files = registry.withFile(Rulebook.DIALPLAN, TABLE, broken.toXlsx());
        ClassLoader cl = Rulebook.class.getClassLoader();

        assertThatThrownBy(() -> new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC(),
                r -> r == Rulebook.DIALPLAN ? Optional.of(new RulebookRegistry.Start(3, files, "ana", "typo"))
                        : Optional.empty(), Runnable::run))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rulebook dialplan@3 does not compile")
                .hasMessageContaining(TABLE);
    }
}
