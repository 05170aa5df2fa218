package io.trunkline.ejb.ruleset.api;

import java.util.List;
import java.util.stream.Collectors;
import javax.ejb.ApplicationException;

/**
 * A carrier or PBX that a row of an active rule version names cannot be deleted: the row would then name
 * nothing and the rule would stop applying without a word. Nothing is changed.
 */
@ApplicationException(rollback = true)
public class NamedInRulesException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<RuleRow> rows;

    /** @param what {@code carrier 'carrier-c'}, {@code PBX 'hq-cucm'} */
    public NamedInRulesException(String what, List<RuleRow> rows) {
        super(what + " is named by " + rows.size() + " row(s) of the active rules: "
                + rows.stream().map(RuleRow::describe).collect(Collectors.joining("; "))
                + "; change those rows first");
        this.rows = List.copyOf(rows);
    }

    public List<RuleRow> rows() {
        return rows;
    }
}
