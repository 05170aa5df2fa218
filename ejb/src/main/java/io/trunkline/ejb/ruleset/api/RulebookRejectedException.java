package io.trunkline.ejb.ruleset.api;

import java.util.List;
import javax.ejb.ApplicationException;

/** A rule change that does not compile; the active version stays as it was. */
@ApplicationException(rollback = true)
public class RulebookRejectedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient List<RuleProblem> problems;

    public RulebookRejectedException(String rulebook, List<RuleProblem> problems) {
        super("rulebook " + rulebook + " refused: " + problems.size() + " problem(s); the active version is unchanged");
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
