package io.trunkline.ejb.routing.api;

import java.io.Serializable;

/** How one routing test scenario went: passed, or what the decision got wrong. */
public record ScenarioOutcome(String name, boolean passed, String detail) implements Serializable {
}
