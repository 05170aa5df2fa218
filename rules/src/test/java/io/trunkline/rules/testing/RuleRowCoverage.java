package io.trunkline.rules.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/** Records which rules fired, so a test can check that every row of a decision table was hit. */
public final class RuleRowCoverage extends DefaultAgendaEventListener {

    private final Set<String> fired = ConcurrentHashMap.newKeySet();

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        fired.add(event.getMatch().getRule().getName());
    }

    /** Table rows (rules named {@code <table>_<row>}) of {@code table} that fired. */
    public long rowsFired(String table) {
        return fired.stream().filter(n -> n.startsWith(table + "_")).count();
    }

    public Set<String> fired() {
        return Set.copyOf(fired);
    }
}
