package io.trunkline.camel.feeds;

import java.time.Instant;

/**
 * One incident a carrier's status feed reports, as the platform keeps it: the feed's own id, its title, whether
 * it is still open, when it started (and ended), and a link for the people who read the alert.
 */
public record Incident(String id, String title, boolean open, String status, Instant startedAt, Instant resolvedAt,
                       String link) {
}
