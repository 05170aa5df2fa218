/**
 * Replay (what-if): the recorded calls of a period (the edge's call records; the CDRs of PBXs for calls the edge did
 * not carry) decided again with a stored version of one rulebook in place of the active one and with the active
 * versions, on the current master data with every carrier up and idle, and the difference reported: calls whose
 * carrier order changes, calls newly refused (by which row) or newly routed, each answered call rated on both sides,
 * totals per PBX, class and carrier, carrier shares and the expected ASR and PDD from the carriers' measured figures.
 * Runs as a background job on the container's managed executor, cancellable, its results kept with the version
 * ({@code replay_run}). It never touches live counters, the decision log or an edge node.
 */
package io.trunkline.ejb.replay;
