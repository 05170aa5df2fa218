package io.trunkline.edge.cluster;

import java.io.Serializable;
import java.time.Instant;

/**
 * A carrier trunk's health as the OPTIONS probes see it: up or down, the last round-trip time, and the
 * run of consecutive misses or answers that decides the next change.
 */
public record TrunkHealth(String trunk, boolean up, long latencyMs, int misses, int answers, Instant changedAt,
                          String node) implements Serializable {
}
