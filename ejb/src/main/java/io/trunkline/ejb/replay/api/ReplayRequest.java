package io.trunkline.ejb.replay.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * What to replay: the calls that started in [{@code from}, {@code to}), decided with {@code version} of
 * {@code rulebook} in place of the active one.
 */
public record ReplayRequest(String rulebook, int version, Instant from, Instant to) implements Serializable {
}
