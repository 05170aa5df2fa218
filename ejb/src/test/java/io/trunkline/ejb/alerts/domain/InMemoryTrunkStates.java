package io.trunkline.ejb.alerts.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trunk reports held in memory: {@link #since} answers each trunk's last state from the map it is given or the reports. */
public final class InMemoryTrunkStates implements TrunkStates {

    private final Map<String, Boolean> states;
    private final List<Report> reports = new ArrayList<>();

    public InMemoryTrunkStates(Map<String, Boolean> states) {
        this.states = states;
    }

    public void report(Report report) {
        reports.add(report);
        states.put(report.trunk(), report.up());
    }

    @Override
    public Map<String, Boolean> since(Instant since) {
        return states;
    }

    @Override
    public List<Report> reports(Instant since) {
        Map<String, Report> last = new LinkedHashMap<>();
        reports.stream().filter(r -> r.at().isAfter(since)).sorted(Comparator.comparing(Report::at))
                .forEach(r -> last.put(r.node() + "/" + r.trunk(), r));
        return last.values().stream().sorted(Comparator.comparing(Report::trunk).thenComparing(Report::node)).toList();
    }
}
