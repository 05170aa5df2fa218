package io.trunkline.ejb.ruleset.api;

import io.trunkline.rules.EnumeratedColumns;
import io.trunkline.ejb.routing.api.ScenarioOutcome;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.ejb.Local;

/**
 * The platform's rule base and the lifecycle of its rule tables: upload a new version (compiled, then
 * tried against the stored test scenarios), activate it (atomic; decisions in flight finish on the old
 * version), roll back to an earlier one. Every version is kept with author, time, comment and checksum.
 */
@Local
public interface RuleBase {

    /** A stored version and where it stands: DRAFT, ACTIVE or RETIRED. */
    record VersionStatus(RulebookVersion version, String status, Instant activatedAt, String activatedBy)
            implements Serializable {
    }

    /** A version as uploaded or activated, with how the test scenarios fared on it. */
    record Outcome(RulebookVersion version, String status, List<ScenarioOutcome> scenarios)
            implements Serializable {

        public boolean scenariosPass() {
            return scenarios.stream().allMatch(ScenarioOutcome::passed);
        }
    }

    List<RulebookVersion> activeVersions();

    Optional<RulebookVersion> active(String rulebook);

    /** The bytes of one file of the active version (e.g. the analysts' XLSX table). */
    Optional<byte[]> resource(String rulebook, String fileName);

    List<VersionStatus> versions(String rulebook);

    Optional<byte[]> versionFile(String rulebook, int version, String fileName);

    /**
     * Runs {@code removal} (of a carrier or PBX) unless a row of an active rule version names {@code id}. No rule
     * version is drafted, activated or rolled back meanwhile, so none can come to name it between check and removal.
     *
     * @return what {@code removal} returned
     * @throws NamedInRulesException naming the rulebook, version and row of every row that names it
     */
    boolean removeUnlessNamed(EnumeratedColumns.Domain domain, String id, BooleanSupplier removal);

    /**
     * Stores the active version with {@code fileName} replaced as a new DRAFT version, after it compiled,
     * and runs the test scenarios on it. Nothing that decides calls changes.
     *
     * @throws RulebookRejectedException it does not compile, or an enumerated cell (strategy, class, floor action,
     *                                   carrier or PBX id...) holds a value outside its column's (problems by file,
     *                                   sheet, row and column, with the allowed values); nothing is stored
     * @throws IllegalArgumentException  unknown rulebook or file, empty content
     */
    Outcome draft(String rulebook, String fileName, byte[] content, String author, String comment)
            throws RulebookRejectedException;

    /**
     * Makes a stored version the one that decides, once every test scenario passes on it.
     *
     * @throws ScenariosFailedException a scenario fails; the active version stays
     * @throws RulebookRejectedException an enumerated cell names a carrier or PBX master data no longer holds
     */
    Outcome activate(String rulebook, int version, String actor) throws ScenariosFailedException, RulebookRejectedException;

    /** Draft, then activate: the one-step replacement of a table. */
    Outcome replace(String rulebook, String fileName, byte[] content, String author, String comment)
            throws RulebookRejectedException, ScenariosFailedException;

    /**
     * Makes an earlier, previously active version decide again, without the scenario gate (it decided before), once
     * its enumerated cells hold (a carrier it names may have been deleted since, or it predates the check).
     */
    Outcome rollback(String rulebook, int version, String actor) throws RulebookRejectedException;

    /** The test scenarios on the active versions. */
    List<ScenarioOutcome> runScenarios();
}
