package io.trunkline.ejb.routing.application;

import io.trunkline.ejb.platform.infrastructure.Transactions;
import io.trunkline.ejb.routing.api.ScenarioOutcome;
import io.trunkline.ejb.routing.api.Scenarios;
import io.trunkline.ejb.routing.domain.DecisionSettings;
import io.trunkline.ejb.routing.domain.RouteDecider;
import io.trunkline.ejb.routing.domain.RoutingScenario;
import io.trunkline.ejb.routing.domain.ScenarioCsv;
import io.trunkline.ejb.routing.domain.ScenarioStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.LocalBean;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;

@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScenarioCatalog implements Scenarios {

    @EJB
    private RoutingDataHolder routing;
    @EJB
    private Transactions transactions;

    @Inject
    private ScenarioStore store;

    /** Every stored scenario (the API speaks their CSV form). */
    public List<RoutingScenario> all() {
        try {
            return store.all();
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    @Override
    public int replaceAll(byte[] csv) {
        List<RoutingScenario> scenarios = ScenarioCsv.parse(csv);
        transactions.committed(() -> {
            try {
                store.replaceAll(scenarios);
                return null;
            } catch (SQLException e) {
                throw new EJBException(e);
            }
        });
        return scenarios.size();
    }

    @Override
    public String asCsv() {
        return ScenarioCsv.write(all());
    }

    /** Decides every scenario on the current routing data with {@code books}; weighted splits are seeded. */
    public List<ScenarioOutcome> run(RouteDecider.Books books) {
        RouteDecider decider = new RouteDecider(DecisionSettings.DEFAULT, Clock.systemUTC(), new Random(1)::nextDouble);
        return RoutingScenario.runAll(all(), decider, routing.current(), books);
    }
}
