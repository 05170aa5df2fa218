package io.trunkline.ejb.sla.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A window in which a carrier was unavailable, and where it was seen: {@code trunk} (the edge's OPTIONS probing,
 * RFC 3261 §11, found the trunk down on a node) or {@code incident} (the carrier's own status feed).
 */
public record Outage(Instant from, Instant to, String source, String detail) {

    /** A trunk-state change an edge node reported: {@code up} or down from {@code at}. */
    public record TrunkChange(String node, Instant at, boolean up) {
    }

    public Duration duration() {
        return Duration.between(from, to);
    }

    /**
     * The down windows of a trunk from its state changes, per node: down from a "down" change to the next "up" of the
     * same node, or to {@code until} when it never came back. Changes before the month carry its state into it.
     */
    public static List<Outage> fromTrunkChanges(List<TrunkChange> changes, Instant until) {
        Map<String, Instant> downSince = new HashMap<>();
        List<Outage> out = new ArrayList<>();
        for (TrunkChange c : changes.stream().sorted(Comparator.comparing(TrunkChange::at)).toList()) {
            if (!c.up()) {
                downSince.putIfAbsent(c.node(), c.at());
            } else {
                Instant since = downSince.remove(c.node());
                if (since != null && c.at().isAfter(since)) {
                    out.add(new Outage(since, c.at(), "trunk", "down on " + c.node()));
                }
            }
        }
        downSince.forEach((node, since) -> {
            if (until.isAfter(since)) {
                out.add(new Outage(since, until, "trunk", "down on " + node));
            }
        });
        return out;
    }

    /**
     * The union of {@code windows} clipped to [{@code from}, {@code to}): overlapping or touching windows become one
     * (the carrier is unavailable once, however many sources saw it), sources and details joined.
     */
    public static List<Outage> merged(List<Outage> windows, Instant from, Instant to) {
        List<Outage> clipped = windows.stream()
                .map(w -> new Outage(w.from().isBefore(from) ? from : w.from(), w.to().isAfter(to) ? to : w.to(),
                        w.source(), w.detail()))
                .filter(w -> w.to().isAfter(w.from()))
                .sorted(Comparator.comparing(Outage::from)).toList();
        List<Outage> out = new ArrayList<>();
        for (Outage w : clipped) {
            Outage last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !w.from().isAfter(last.to())) {
                out.set(out.size() - 1, new Outage(last.from(), w.to().isAfter(last.to()) ? w.to() : last.to(),
                        join(last.source(), w.source()), join(last.detail(), w.detail())));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static String join(String a, String b) {
        return a.equals(b) || List.of(a.split("; ")).contains(b) ? a : a + "; " + b;
    }

    /** Availability in % of [{@code from}, {@code to}) outside the merged windows. */
    public static double availabilityPercent(List<Outage> merged, Instant from, Instant to) {
        long total = Duration.between(from, to).toMillis();
        long down = merged.stream().mapToLong(w -> w.duration().toMillis()).sum();
        return total <= 0 ? 100.0 : 100.0 * (total - down) / total;
    }
}
