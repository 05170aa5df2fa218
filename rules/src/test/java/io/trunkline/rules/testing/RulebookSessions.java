package io.trunkline.rules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.kie.api.KieServices;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/**
 * The shipped rulebooks compiled from kmodule.xml for rule tests: one fact through one rulebook's
 * session, with the rules that fired recorded for the every-row checks.
 */
public final class RulebookSessions {

    private final KieContainer container;
    private final RuleRowCoverage coverage = new RuleRowCoverage();

    public RulebookSessions() {
        container = KieServices.get().getKieClasspathContainer();
        assertThat(container.verify().getMessages(Message.Level.ERROR)).as("rule compile errors").isEmpty();
    }

    public <T> T fire(String session, T fact) {
        KieSession s = container.newKieSession(session);
        try {
            s.addEventListener(coverage);
            s.insert(fact);
            s.fireAllRules();
            return fact;
        } finally {
            s.dispose();
        }
    }

    public RuleRowCoverage coverage() {
        return coverage;
    }
}
