package io.trunkline.ejb.routing.domain;

import io.trunkline.ejb.ruleset.api.RuleBase.VersionStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which version of a rulebook decided calls at a given time, from the versions' activation times: the one activated
 * last at or before it. A call older than every recorded activation gets the first version ever activated, said in
 * the note. A version keeps its last activation only: once rolled back to, the period in which it decided before is
 * attributed to the version activated before that period.
 */
public final class VersionsAt {

    /**
     * @param version the version number chosen
     * @param note    why, when it is not simply the version active at the time; null otherwise
     */
    public record Choice(int version, String note) {
    }

    private VersionsAt() {
    }

    /** @return empty when no version of the rulebook was ever activated */
    public static Optional<Choice> pick(String rulebook, List<VersionStatus> versions, Instant at) {
        List<VersionStatus> activated = versions.stream().filter(v -> v.activatedAt() != null)
                .filter(v -> !"DRAFT".equals(v.status())).toList();
        Optional<VersionStatus> then = activated.stream().filter(v -> !v.activatedAt().isAfter(at))
                .max(Comparator.comparing(VersionStatus::activatedAt));
        if (then.isPresent()) {
            return Optional.of(new Choice(then.get().version().version(), null));
        }
        return activated.stream().min(Comparator.comparing((VersionStatus v) -> v.version().version()))
                .map(first -> new Choice(first.version().version(), "the call predates the first recorded activation of "
                        + rulebook + " (" + first.version().label() + " at " + first.activatedAt() + "), so "
                        + first.version().label() + " was used"));
    }
}
