package io.trunkline.ejb.ruleset.domain;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the linter asks of master data (routing's snapshot): the carriers and PBXs rows may name, and whether a
 * carrier can take a class of call, answered as the routing decision itself judges it.
 */
public interface LintMasterData {

    /** The carrier ids. */
    Set<String> carriers();

    /** The PBX ids with each site's country (ISO 3166-1). */
    Map<String, String> pbxCountries();

    /**
     * Why {@code carrier} never takes {@code callClass} calls to a number of {@code region}, in the decision's words
     * ({@code does not terminate toll-free}, {@code not licensed for GB}); empty when it may. A null region asks about
     * the capability alone.
     */
    Optional<String> refusal(String carrier, String callClass, String region);

    /** Why an emergency call from the PBX reaches no carrier at all; empty when one takes it. */
    Optional<String> emergencyGap(String pbx);

    /** The regions numbers starting with an E.164 prefix ({@code +1}, {@code +4420}) belong to; empty when it names none. */
    Set<String> regionsOf(String prefix);
}
