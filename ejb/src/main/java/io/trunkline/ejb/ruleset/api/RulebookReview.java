package io.trunkline.ejb.ruleset.api;

import javax.ejb.Local;

/**
 * Reading a stored rule version as an analyst reviews it before activating it: the linter's findings on its
 * decision tables against master data as it is now, and what changed, cell by cell, from another version.
 */
@Local
public interface RulebookReview {

    /**
     * Lints one stored version (a draft, the active one or a retired one): shadowed and unreachable rows, overlapping
     * prefixes, dial patterns and time windows, carriers without the capability or licence a row's class needs, sites
     * whose emergency calls end nowhere, carriers and PBXs master data does not hold.
     *
     * @throws IllegalArgumentException unknown rulebook
     * @throws NoSuchVersionException   the rulebook has no such version
     */
    LintReport lint(String rulebook, int version);

    /**
     * What changed from version {@code from} to version {@code to} (either may be the older).
     *
     * @throws IllegalArgumentException unknown rulebook
     * @throws NoSuchVersionException   either version does not exist (it says which)
     */
    VersionDiff diff(String rulebook, int from, int to);
}
