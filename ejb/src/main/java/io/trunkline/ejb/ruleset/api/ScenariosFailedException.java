package io.trunkline.ejb.ruleset.api;

import javax.ejb.ApplicationException;

/** A version that breaks a test scenario is not activated; the active version stays as it was. */
@ApplicationException(rollback = false)
public class ScenariosFailedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final RuleBase.Outcome outcome;

    public ScenariosFailedException(RuleBase.Outcome outcome) {
        super(outcome.version().label() + " not activated: "
                + outcome.scenarios().stream().filter(s -> !s.passed()).count() + " test scenario(s) fail");
        this.outcome = outcome;
    }

    public RuleBase.Outcome outcome() {
        return outcome;
    }
}
