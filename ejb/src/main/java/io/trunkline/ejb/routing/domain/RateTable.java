package io.trunkline.ejb.routing.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One carrier's rate deck for lookups at call time: longest matching prefix first (at most 15 map
 * look-ups per call, whatever the deck's size), and among that prefix's rates the one in effect on the
 * call's day, the latest-starting one winning, so future-dated rates take over on their day.
 */
public final class RateTable {

    private static final RateTable EMPTY = new RateTable(Map.of());
    private final Map<String, List<Rate>> byPrefix;

    private RateTable(Map<String, List<Rate>> byPrefix) {
        this.byPrefix = byPrefix;
    }

    public static RateTable empty() {
        return EMPTY;
    }

    public static RateTable of(List<Rate> rates) {
        Map<String, List<Rate>> map = new HashMap<>();
        for (Rate r : rates) {
            map.computeIfAbsent(r.prefix(), k -> new ArrayList<>()).add(r);
        }
        for (List<Rate> list : map.values()) {
            list.sort(Comparator.comparing(Rate::from).reversed());
        }
        return new RateTable(map);
    }

    /** The rate for {@code digits} (E.164 without '+') on {@code day}. */
    public Optional<Rate> lookup(String digits, LocalDate day) {
        for (int len = Math.min(digits.length(), 15); len > 0; len--) {
            List<Rate> rates = byPrefix.get(digits.substring(0, len));
            if (rates != null) {
                for (Rate r : rates) {
                    if (r.effectiveOn(day)) {
                        return Optional.of(r);
                    }
                }
            }
        }
        return Optional.empty();
    }

    public int prefixes() {
        return byPrefix.size();
    }
}
