package io.trunkline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.rules.classification.ClassificationTableSource;
import io.trunkline.rules.dialplan.DialPlanTableSource;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import io.trunkline.rules.testing.DecisionTableWorkbook;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.junit.jupiter.api.Test;

/**
 * The shipped spreadsheets say what their sources in the tests say (so the every-row tests test the
 * shipped rows), and every file in a rulebook's folder is listed in {@link Rulebook}.
 */
class ShippedTablesTest {

    private static String drl(byte[] xlsx) {
        return new SpreadsheetCompiler().compile(new ByteArrayInputStream(xlsx), InputType.XLS);
    }

    private static byte[] shipped(Rulebook r, String name) throws IOException {
        try (InputStream in = Rulebook.class.getClassLoader().getResourceAsStream(r.resourceFolder() + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void shippedTablesMatchTheirSources() throws IOException {
        Map<Rulebook, DecisionTableWorkbook> sources = Map.of(
                Rulebook.DIALPLAN, DialPlanTableSource.shipped(),
                Rulebook.CLASSIFICATION, ClassificationTableSource.shipped(),
                Rulebook.ROUTING, RoutingPolicyTableSource.shipped(),
                Rulebook.FRAUD, io.trunkline.rules.fraud.FraudPolicyTableSource.shipped(),
                Rulebook.ATTESTATION, io.trunkline.rules.attestation.AttestationTableSource.shipped(),
                Rulebook.SLA, io.trunkline.rules.sla.SlaCreditTableSource.shipped());
        for (Map.Entry<Rulebook, DecisionTableWorkbook> e : sources.entrySet()) {
            String table = e.getKey().decisionTables().get(0);
            assertThat(drl(shipped(e.getKey(), table))).as(table).isEqualTo(drl(e.getValue().toXlsx()));
        }
        assertThat(drl(shipped(Rulebook.ATTESTATION, "InboundIdentity.drl.xlsx"))).as("InboundIdentity")
                .isEqualTo(drl(io.trunkline.rules.attestation.InboundIdentityTableSource.shipped().toXlsx()));
    }

    @Test
    void everyRuleFileIsListed() throws IOException {
        for (Rulebook r : Rulebook.values()) {
            Path folder = Path.of("src/main/resources", r.resourceFolder());
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                        .as(r.kbaseName()).containsExactlyInAnyOrderElementsOf(r.resources());
            }
        }
    }
}
