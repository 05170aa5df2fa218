package io.trunkline.camel.feeds;

import java.util.List;

/** What one poll of a status feed gave: its incidents, and the entries that could not be read, with why. */
public record StatusFeed(String format, List<Incident> incidents, List<String> skipped) {
    public StatusFeed {
        incidents = List.copyOf(incidents);
        skipped = List.copyOf(skipped);
    }
}
