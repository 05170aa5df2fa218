package io.trunkline.ejb.ruleset.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One version of a rulebook: its number, content checksum, files, and who made it when, with their comment. */
public record RulebookVersion(String rulebook, int version, String checksum, List<String> resources,
                              Instant createdAt, String author, String comment) implements Serializable {

    /** {@code dialplan@3}: how decisions and the health report name the version they used. */
    public String label() {
        return rulebook + "@" + version;
    }
}
