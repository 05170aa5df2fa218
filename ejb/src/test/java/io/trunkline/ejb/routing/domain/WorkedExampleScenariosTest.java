package io.trunkline.ejb.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.ejb.routing.api.ScenarioOutcome;
import io.trunkline.ejb.ruleset.infrastructure.RulebookCompiler;
import io.trunkline.ejb.ruleset.infrastructure.RulebookRegistry;
import io.trunkline.rules.Rulebook;
import io.trunkline.rules.routing.RoutingPolicyTableSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scenarios shipped with the rulebooks (the worked example) pass on the shipped rulebooks and the
 * demo enterprise, and a policy change that breaks one is caught by them.
 */
class WorkedExampleScenariosTest {

    static List<RoutingScenario> shipped() throws IOException {
        try (InputStream in = Rulebook.class.getClassLoader()
                .getResourceAsStream("io/trunkline/rules/scenarios/worked-example.csv")) {
            return ScenarioCsv.parse(in.readAllBytes());
        }
    }

    private static RouteDecider decider() {
        return new RouteDecider(DecisionSettings.DEFAULT, Clock.fixed(RouteDeciderTest.PEAK, ZoneOffset.UTC),
                new Random(1)::nextDouble);
    }

    @Test
    void shippedScenariosPassOnTheShippedRulebooks() throws Exception {
        ClassLoader cl = Rulebook.class.getClassLoader();
        RulebookRegistry registry = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
        List<RoutingScenario> scenarios = shipped();
        assertThat(scenarios).hasSize(11);
        List<ScenarioOutcome> outcomes = RoutingScenario.runAll(scenarios, decider(),
                RoutingFixtures.enterprise().build(), RouteDecider.Books.current(registry));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.passed()).as(o.name() + ": " + o.detail()).isTrue());
    }

    @Test
    void aPolicyThatSendsCanadaViaACarrierThatIsNotFirstBreaksAScenario() throws Exception {
        ClassLoader cl = Rulebook.class.getClassLoader();
        RulebookRegistry registry = new RulebookRegistry(new RulebookCompiler(cl), cl, Clock.systemUTC());
        // An analyst deletes the Canada row: Canada now follows the general international row (A first).
        var table = RoutingPolicyTableSource.withoutCanadaRow();
        registry.replace(Rulebook.ROUTING, "RoutingPolicy.drl.xlsx", table.toXlsx(), "ana", "simplify");
        List<ScenarioOutcome> outcomes = RoutingScenario.runAll(shipped(), decider(),
                RoutingFixtures.enterprise().build(), RouteDecider.Books.current(registry));
        assertThat(outcomes).filteredOn(o -> !o.passed()).extracting(ScenarioOutcome::name)
                .containsExactly("Canada goes via carrier B");
        assertThat(outcomes).filteredOn(o -> !o.passed()).first().extracting(ScenarioOutcome::detail).asString()
                .contains("expected to start with [carrier-b, carrier-a]");
    }

    @Test
    void scenarioFilesWithErrorsAreRefusedWithLineAndColumn() {
        assertThatThrownBy(() -> ScenarioCsv.parse("name,who\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 1: the header must be");
        String header = "name,direction,source,calling,called,at,verdict,class,targets,sip_code\n";
        assertThatThrownBy(() -> ScenarioCsv.parse((header + "a,SIDEWAYS,hq,1,2,,ROUTE,,,\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 2, direction: 'SIDEWAYS'");
        assertThatThrownBy(() -> ScenarioCsv.parse((header + "a,OUTBOUND,hq,1,2,today,ROUTE,,,\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 2, at:");
        assertThatThrownBy(() -> ScenarioCsv.parse((header + "a,OUTBOUND,hq,1,2\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 2: expected 10 columns");
        assertThatThrownBy(() -> ScenarioCsv.parse((header + "a,OUTBOUND,hq,1,2,,ROUTE,,,\na,OUTBOUND,hq,1,2,,ROUTE,,,\n")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("line 3, name: 'a' is used twice");
    }

    @Test
    void scenariosSurviveAWriteAndReadBack() throws Exception {
        List<RoutingScenario> scenarios = shipped();
        assertThat(ScenarioCsv.parse(ScenarioCsv.write(scenarios).getBytes(StandardCharsets.UTF_8))).isEqualTo(scenarios);
    }
}
