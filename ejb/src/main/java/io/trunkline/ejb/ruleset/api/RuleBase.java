package io.trunkline.ejb.ruleset.api;

import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/** The platform's rule base: the active version of each rulebook, and replacing a table at run time. */
@Local
public interface RuleBase {

    List<RulebookVersion> activeVersions();

    Optional<RulebookVersion> active(String rulebook);

    /** The bytes of one file of the rulebook's active version (e.g. the analysts' XLSX table). */
    Optional<byte[]> resource(String rulebook, String fileName);

    /**
     * Compiles the rulebook with {@code fileName} replaced by {@code content} and, if it compiles, makes it
     * the active version at once; decisions already running finish on the version they started with.
     *
     * @throws IllegalArgumentException  unknown rulebook or file name
     * @throws RulebookRejectedException the new content does not compile; nothing changed
     */
    RulebookVersion replace(String rulebook, String fileName, byte[] content, String author, String comment)
            throws RulebookRejectedException;
}
