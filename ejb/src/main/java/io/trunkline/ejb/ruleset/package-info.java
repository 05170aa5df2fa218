/**
 * Rulebooks: compiling the DRL files and analysts' decision tables of each rulebook into a kbase,
 * keeping the active version, and replacing a table at run time without disturbing running decisions;
 * reviewing a stored version: its tables linted against each other and master data, and compared with
 * another version cell by cell.
 */
package io.trunkline.ejb.ruleset;
