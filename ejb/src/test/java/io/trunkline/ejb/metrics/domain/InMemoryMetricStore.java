package io.trunkline.ejb.metrics.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

/** The metric windows and the marks of changed windows in memory. */
public final class InMemoryMetricStore implements MetricStore {

    private final TreeMap<Instant, Long> dirty = new TreeMap<>();
    private final List<Row> rows = new ArrayList<>();

    @Override
    public void markDirty(Collection<Instant> windows, Instant now) {
        windows.forEach(w -> dirty.merge(w, 0L, (was, none) -> was + 1));
    }

    @Override
    public List<Instant> dirty(int limit) {
        return dirty.keySet().stream().limit(limit).toList();
    }

    @Override
    public int dirtyCount() {
        return dirty.size();
    }

    @Override
    public OptionalLong markOf(Instant window) {
        Long mark = dirty.get(window);
        return mark == null ? OptionalLong.empty() : OptionalLong.of(mark);
    }

    @Override
    public boolean unmark(Instant window, long mark) {
        return dirty.remove(window, mark);
    }

    @Override
    public void replace(int minutes, Instant start, List<Row> replacement) {
        rows.removeIf(r -> r.minutes() == minutes && r.start().equals(start));
        rows.addAll(replacement);
    }

    @Override
    public List<Row> rows(int minutes, Instant from, Instant to, String dimension, String subject, String origin) {
        return rows.stream()
                .filter(r -> r.minutes() == minutes && !r.start().isBefore(from) && r.start().isBefore(to))
                .filter(r -> dimension == null || r.dimension().equals(dimension))
                .filter(r -> subject == null || r.subject().equals(subject))
                .filter(r -> origin == null || r.origin().equals(origin))
                .sorted(Comparator.comparing(Row::dimension).thenComparing(Row::subject).thenComparing(Row::origin)
                        .thenComparing(Row::start))
                .toList();
    }

    /** The marked windows, oldest first. */
    public List<Instant> marked() {
        return List.copyOf(dirty.keySet());
    }
}
