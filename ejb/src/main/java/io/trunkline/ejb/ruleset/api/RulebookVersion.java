package io.trunkline.ejb.ruleset.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** What is active for one rulebook: its version number, content checksum, files, and who activated it. */
public record RulebookVersion(String rulebook, int version, String checksum, List<String> resources,
                              Instant activatedAt, String author, String comment) implements Serializable {

    /** {@code dialplan@3}: how decisions and the health report name the version they used. */
    public String label() {
        return rulebook + "@" + version;
    }
}
