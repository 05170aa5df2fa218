/**
 * Rulebooks: compiling the DRL files and analysts' decision tables of each rulebook into a kbase,
 * keeping the active version, and replacing a table at run time without disturbing running decisions.
 */
package io.trunkline.ejb.ruleset;
