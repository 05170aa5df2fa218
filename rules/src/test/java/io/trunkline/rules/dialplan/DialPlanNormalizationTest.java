package io.trunkline.rules.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kie.api.KieServices;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/** The shipped dial-plan rulebook, compiled from kmodule.xml, with every table row hit. */
class DialPlanNormalizationTest {

    private static KieContainer container;
    private static final Set<String> FIRED = new HashSet<>();

    @BeforeAll
    static void compile() {
        container = KieServices.get().getKieClasspathContainer();
        Results results = container.verify();
        assertThat(results.getMessages(Message.Level.ERROR)).as("rule compile errors").isEmpty();
    }

    static DialString normalize(String pbx, String digits) {
        KieSession session = container.newKieSession("dialplan-session");
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    FIRED.add(event.getMatch().getRule().getName());
                }
            });
            DialString d = new DialString(pbx, digits);
            session.insert(d);
            session.fireAllRules();
            return d;
        } finally {
            session.dispose();
        }
    }

    @ParameterizedTest(name = "{0} dials {1} -> {2} ({3})")
    @CsvSource({
            "hq-cucm, 911, 911, EMERGENCY",
            "hq-cucm, 9911, 911, EMERGENCY",
            "hq-cucm, 912125551234, +12125551234, E164",
            "hq-cucm, 92125551234, +12125551234, E164",
            "hq-cucm, 9011442071234567, +442071234567, E164",
            "hq-cucm, 2001, 2001, EXTENSION",
            "hq-cucm, +33142685300, +33142685300, E164",
    })
    void everyRowNormalizes(String pbx, String dialed, String expected, String type) {
        DialString d = normalize(pbx, dialed);
        assertThat(d.getResult()).isEqualTo(expected);
        assertThat(d.getResultType()).isEqualTo(type);
        assertThat(d.getTrace()).hasSize(1);
    }

    @Test
    void unmatchedStringIsRejectedWithReason() {
        DialString d = normalize("hq-cucm", "5001");
        assertThat(d.getResult()).isNull();
        assertThat(d.getRejection()).isEqualTo("no dial-plan row of PBX hq-cucm matches 5001");
        DialString other = normalize("unknown-pbx", "2001");
        assertThat(other.getRejection()).contains("unknown-pbx");
    }

    @Test
    void firstMatchingRowWins() {
        // 9911 would also satisfy no other row; 91NXX... precedes 9NXX..., so a leading 1 is stripped, not kept.
        DialString d = normalize("hq-cucm", "912125551234");
        assertThat(d.getTrace()).singleElement().asString().startsWith("DialPlanNormalization_");
    }

    @Test
    void everyTableRowFiredInThisSuite() {
        List<String[]> all = List.of(
                new String[]{"hq-cucm", "911"}, new String[]{"hq-cucm", "9911"},
                new String[]{"hq-cucm", "912125551234"}, new String[]{"hq-cucm", "92125551234"},
                new String[]{"hq-cucm", "9011442071234567"}, new String[]{"hq-cucm", "2001"},
                new String[]{"hq-cucm", "+33142685300"});
        all.forEach(c -> normalize(c[0], c[1]));
        long tableRows = 7;
        assertThat(FIRED.stream().filter(n -> n.startsWith("DialPlanNormalization_")).count()).isEqualTo(tableRows);
    }
}
