/**
 * Call records from every PBX and carrier, taken in from files, SFTP directories and HTTP pushes in each
 * source's own format: normalized (E.164 through the PBX's dial plan, UTC, ms), stored once per source and
 * record key, bad lines quarantined, every file's counts reconciled.
 */
package io.trunkline.ejb.cdr;
