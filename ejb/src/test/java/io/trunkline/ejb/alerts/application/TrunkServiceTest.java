package io.trunkline.ejb.alerts.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.alerts.api.Trunks;
import io.trunkline.ejb.alerts.domain.InMemoryTrunkStates;
import io.trunkline.ejb.alerts.domain.TrunkStates;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrunkServiceTest {

    @Test
    void eachNodesLastReportOnEachTrunkIsShownWithItsLatency() {
        InMemoryTrunkStates states = new InMemoryTrunkStates(new HashMap<>());
        Instant now = Instant.now();
        states.report(new TrunkStates.Report("edge-1", "sip:a.example", true, 12L, now.minus(2, ChronoUnit.HOURS)));
        states.report(new TrunkStates.Report("edge-1", "sip:a.example", false, null, now.minus(1, ChronoUnit.HOURS)));
        states.report(new TrunkStates.Report("edge-2", "sip:a.example", true, 15L, now.minus(30, ChronoUnit.MINUTES)));
        states.report(new TrunkStates.Report("edge-1", "sip:old.example", true, 9L, now.minus(40, ChronoUnit.DAYS)));

        List<Trunks.TrunkReport> trunks = new TrunkService(states).trunks();

        assertThat(trunks).extracting(Trunks.TrunkReport::node, Trunks.TrunkReport::trunk, Trunks.TrunkReport::up,
                Trunks.TrunkReport::latencyMs).containsExactly(
                org.assertj.core.groups.Tuple.tuple("edge-1", "sip:a.example", false, null),
                org.assertj.core.groups.Tuple.tuple("edge-2", "sip:a.example", true, 15L));
    }
}
