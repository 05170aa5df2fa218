package io.trunkline.edge.config;

import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * The node's journal and the delivery of its events: keys {@code journal.dir}, {@code events.subscribers}
 * (by default the platform's host), {@code events.batch}, {@code events.batch-bytes}, {@code events.linger-ms} (how long
 * the first pending event may wait for more to share its NOTIFY; 0 sends at once).
 */
public record EventSettings(Path journalDir, Set<String> subscribers, int batch, int batchBytes, int lingerMs) {

    public EventSettings {
        subscribers = Set.copyOf(subscribers);
    }

    static EventSettings from(Properties p, PlatformSettings platform) {
        String subscribers = p.getProperty("events.subscribers");
        return new EventSettings(Path.of(Props.text(p, "journal.dir", "journal")),
                Set.copyOf(Props.csv(subscribers != null ? subscribers : platform.hostAddress())),
                Props.positive(p, "events.batch", 100), Props.positive(p, "events.batch-bytes", 48_000),
                Props.nonNegative(p, "events.linger-ms", 100));
    }

    /** The journal file of a node. */
    public Path journalOf(String nodeId) {
        return journalDir.resolve(nodeId + ".journal");
    }
}
