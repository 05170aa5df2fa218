package io.trunkline.ejb.alerts.application;

import io.trunkline.ejb.alerts.api.Trunks;
import io.trunkline.ejb.alerts.domain.TrunkStates;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;

/** Reads the trunk states the edge nodes reported, for the ops console. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TrunkService implements Trunks {

    private static final Duration LOOK_BACK = Duration.ofDays(30);

    @Inject
    private TrunkStates states;

    public TrunkService() {
    }

    TrunkService(TrunkStates states) {
        this.states = states;
    }

    @Override
    public List<TrunkReport> trunks() {
        try {
            return states.reports(Instant.now().minus(LOOK_BACK)).stream()
                    .map(r -> new TrunkReport(r.node(), r.trunk(), r.up(), r.latencyMs(), r.at())).toList();
        } catch (SQLException e) {
            throw new EJBException("trunk states not read: " + e.getMessage(), e);
        }
    }
}
