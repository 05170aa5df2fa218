package io.trunkline.ejb.routing.domain;

import java.sql.SQLException;
import java.util.List;

/** The routing test scenarios a policy version must pass before it is activated. */
public interface ScenarioStore {

    List<RoutingScenario> all() throws SQLException;

    /** Replaces every scenario with {@code scenarios}. */
    void replaceAll(List<RoutingScenario> scenarios) throws SQLException;
}
