package io.trunkline.ejb.ruleset.application;

import io.trunkline.ejb.routing.application.RoutingDataHolder;
import io.trunkline.ejb.ruleset.api.LintReport;
import io.trunkline.ejb.ruleset.api.NoSuchVersionException;
import io.trunkline.ejb.ruleset.api.RulebookReview;
import io.trunkline.ejb.ruleset.api.VersionDiff;
import io.trunkline.ejb.ruleset.domain.RulebookStore;
import io.trunkline.ejb.ruleset.infrastructure.RulebookDiffer;
import io.trunkline.ejb.ruleset.infrastructure.RulebookLinter;
import io.trunkline.rules.Rulebook;
import java.sql.SQLException;
import java.util.Map;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;

/**
 * Lints and compares stored rule versions: the version's files from the rulebook store, master data from the routing
 * snapshot the decisions read. Nothing is written.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class RulebookReviewService implements RulebookReview {

    @Inject
    private RulebookStore store;
    @EJB
    private RoutingDataHolder masterData;

    private final RulebookLinter linter = new RulebookLinter();
    private final RulebookDiffer differ = new RulebookDiffer();

    public RulebookReviewService() {
        // the container injects the store and the routing snapshot
    }

    /** Over given ports (unit tests). */
    RulebookReviewService(RulebookStore store, RoutingDataHolder masterData) {
        this.store = store;
        this.masterData = masterData;
    }

    @Override
    public LintReport lint(String rulebook, int version) {
        Rulebook r = rulebook(rulebook);
        return linter.lint(r, version, files(r, version), new RoutingLintData(masterData.current()));
    }

    @Override
    public VersionDiff diff(String rulebook, int from, int to) {
        Rulebook r = rulebook(rulebook);
        return differ.diff(r.kbaseName(), from, to, files(r, from), files(r, to));
    }

    private Map<String, byte[]> files(Rulebook r, int version) {
        try {
            if (store.version(r.kbaseName(), version).isEmpty()) {
                throw new NoSuchVersionException(r.kbaseName(), version);
            }
            return store.files(r.kbaseName(), version);
        } catch (SQLException e) {
            throw new EJBException("rulebook store: version " + version + " of " + r.kbaseName() + " not read: "
                    + e.getMessage(), e);
        }
    }

    private static Rulebook rulebook(String name) {
        return Rulebook.byName(name).orElseThrow(() -> new IllegalArgumentException("no rulebook named " + name));
    }
}
