package io.trunkline.ejb.alerts.application;

import io.trunkline.ejb.alerts.api.Alerts;
import io.trunkline.ejb.alerts.domain.AlertStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.inject.Inject;

/** Lists alerts and records who acknowledged one (which stops its escalation). */
@Stateless
public class AlertService implements Alerts {

    @EJB
    private AlertEvaluator evaluator;

    @Inject
    private AlertStore store;

    public AlertService() {
        // the container injects the fields
    }

    /** With its ports given, as the unit tests build it. */
    AlertService(AlertStore store, AlertEvaluator evaluator) {
        this.store = store;
        this.evaluator = evaluator;
    }

    @Override
    public List<Alert> list(String state, int limit) {
        if (state != null && !List.of("open", "resolved").contains(state)) {
            throw new IllegalArgumentException("state: expected open or resolved, got '" + state + "'");
        }
        try {
            return store.list(state, Math.max(1, Math.min(limit, 1000)));
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    @Override
    public Alert acknowledge(long id, String user) {
        try {
            Alert a = store.find(id).orElseThrow(() -> new IllegalArgumentException("id: no alert " + id));
            if (!store.acknowledge(id, user, Instant.now()) && !a.state().equals("ACKNOWLEDGED")) {
                throw new IllegalArgumentException("id: alert " + id + " is " + a.state().toLowerCase() + ", not open");
            }
            return store.find(id).orElseThrow();
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    @Override
    public Instant evaluatedAt() {
        return evaluator.evaluatedAt();
    }
}
