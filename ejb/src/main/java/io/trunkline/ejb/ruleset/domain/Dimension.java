package io.trunkline.ejb.ruleset.domain;

import io.trunkline.rules.routing.TimeWindow;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the cells of one column of a decision table select calls, so that rows can be compared: whether the calls one
 * cell selects are all selected by others ({@link #covers}) and whether two cells select a call in common
 * ({@link #overlaps}). A blank cell selects every call (Drools leaves the condition out). A cell that does not read
 * (a time window or dial pattern the compiler would refuse) is compared by its text only.
 *
 * @param <T> a cell's calls in the form the kind compares
 */
abstract class Dimension<T> {

    /** What a kind of column compares, for the linter's wording; in the order of their cost to compare. */
    enum Kind { VALUES, THRESHOLD, TEXT, PREFIXES, TIME_WINDOWS, DIAL_PATTERNS }

    private static final Pattern LIST = Pattern.compile("[,\\s]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** A cell read once: its trimmed text, and the calls it selects (null when it does not read). */
    record Read(String text, Object value) {
    }

    private final Map<String, Read> parsed = new HashMap<>();

    abstract Kind kind();

    /** The calls a blank cell selects: all of them. */
    abstract T all();

    /** @throws IllegalArgumentException the cell does not read */
    abstract T parse(String cell);

    /** True when every call {@code later} selects is selected by one of {@code union}. */
    abstract boolean within(T later, List<T> union);

    /** True when some call is selected by both. */
    abstract boolean intersect(T a, T b);

    /** True when the cell selects no call at all. */
    boolean empty(T t) {
        return false;
    }

    /** The cell read, once per distinct text. */
    final Read read(String cell) {
        String c = cell == null ? "" : cell.trim();
        return parsed.computeIfAbsent(c, text -> {
            if (text.isEmpty()) {
                return new Read(text, all());
            }
            try {
                return new Read(text, parse(text));
            } catch (IllegalArgumentException e) {
                return new Read(text, null);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Optional<T> of(String cell) {
        return Optional.ofNullable((T) read(cell).value());
    }

    /** True when every call cell {@code later} selects is selected by one of {@code earlier}. */
    final boolean covers(List<String> earlier, String later) {
        Optional<T> l = of(later);
        List<T> union = new ArrayList<>();
        for (String e : earlier) {
            if (e == null || e.isBlank() || e.trim().equals(later == null ? "" : later.trim())) {
                return true;
            }
            of(e).ifPresent(union::add);
        }
        return l.isPresent() && !union.isEmpty() && within(l.get(), union);
    }

    /** True when some call is selected by both cells (false when that cannot be told). */
    final boolean overlaps(String a, String b) {
        return overlaps(read(a), read(b));
    }

    /** {@link #overlaps(String, String)} on cells read by this dimension. */
    @SuppressWarnings("unchecked")
    final boolean overlaps(Read a, Read b) {
        if (a.value() == null || b.value() == null) {
            return a.text().equals(b.text());
        }
        T x = (T) a.value();
        T y = (T) b.value();
        return intersect(x, y) && !empty(x) && !empty(y);
    }

    /** True when the cell selects every call. */
    final boolean selectsAll(String cell) {
        return covers(List.of(cell), "");
    }

    /** True when the cell, read, selects no call. */
    final boolean selectsNone(String cell) {
        return of(cell).map(this::empty).orElse(false);
    }

    /**
     * Named values, one or a list: {@code hq-cucm}, {@code US CA}, {@code *} for any where the column takes it.
     *
     * @param universe every value the column can meet (the destination classes...), so that a blank or {@code *} is
     *                 covered by rows listing them all; null when unbounded (PBX and carrier ids, countries)
     */
    static final class Values extends Dimension<Values.Set> {

        /** The values a cell lists, or any. */
        record Set(java.util.Set<String> values, boolean any) {
        }

        private final Pattern separators;
        private final boolean wildcard;
        private final boolean ignoreCase;
        private final java.util.Set<String> universe;

        /**
         * @param list       the cell lists values separated by spaces or commas ({@code spacedOnly}: by spaces)
         * @param spacedOnly a comma is part of a value
         */
        Values(boolean list, boolean spacedOnly, boolean wildcard, boolean ignoreCase, List<String> universe) {
            this.separators = !list ? null : spacedOnly ? SPACES : LIST;
            this.wildcard = wildcard;
            this.ignoreCase = ignoreCase;
            this.universe = universe == null ? null : universe.stream().map(this::norm).collect(java.util.stream.Collectors.toSet());
        }

        private String norm(String v) {
            return ignoreCase ? v.toLowerCase(Locale.ROOT) : v;
        }

        @Override
        Kind kind() {
            return Kind.VALUES;
        }

        @Override
        Set all() {
            return new Set(java.util.Set.of(), true);
        }

        @Override
        Set parse(String cell) {
            java.util.Set<String> values = new LinkedHashSet<>();
            for (String v : separators == null ? new String[]{cell} : separators.split(cell)) {
                if (wildcard && v.equals("*")) {
                    return all();
                }
                if (!v.isEmpty()) {
                    values.add(norm(v));
                }
            }
            return new Set(values, false);
        }

        @Override
        boolean within(Set later, List<Set> union) {
            java.util.Set<String> listed = new java.util.HashSet<>();
            for (Set s : union) {
                if (s.any()) {
                    return true;
                }
                listed.addAll(s.values());
            }
            return later.any() ? universe != null && listed.containsAll(universe) : listed.containsAll(later.values());
        }

        @Override
        boolean intersect(Set a, Set b) {
            if (a.any() || b.any()) {
                return true;
            }
            for (String v : a.values()) {
                if (b.values().contains(v)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        boolean empty(Set s) {
            return !s.any() && (s.values().isEmpty() || (universe != null && s.values().stream().noneMatch(universe::contains)));
        }
    }

    /** Number prefixes, any of which a number starts with: {@code +1800 +1888}. */
    static final class Prefixes extends Dimension<List<String>> {

        @Override
        Kind kind() {
            return Kind.PREFIXES;
        }

        @Override
        List<String> all() {
            return List.of("");
        }

        @Override
        List<String> parse(String cell) {
            return LIST.splitAsStream(cell).filter(p -> !p.isEmpty()).toList();
        }

        @Override
        boolean within(List<String> later, List<List<String>> union) {
            // The numbers starting with p are all in the union only when one prefix of the union starts p: prefixes
            // longer than p leave out p itself.
            return later.stream().allMatch(p -> union.stream().flatMap(List::stream).anyMatch(p::startsWith));
        }

        @Override
        boolean intersect(List<String> a, List<String> b) {
            return a.stream().anyMatch(p -> b.stream().anyMatch(q -> p.startsWith(q) || q.startsWith(p)));
        }
    }

    /** Dial patterns as PBX administrators write them ({@link DialAutomaton}). */
    static final class DialPatterns extends Dimension<DialAutomaton> {

        @Override
        Kind kind() {
            return Kind.DIAL_PATTERNS;
        }

        @Override
        DialAutomaton all() {
            return DialAutomaton.any();
        }

        @Override
        DialAutomaton parse(String cell) {
            return DialAutomaton.of(cell);
        }

        @Override
        boolean within(DialAutomaton later, List<DialAutomaton> union) {
            return DialAutomaton.included(later, union);
        }

        @Override
        boolean intersect(DialAutomaton a, DialAutomaton b) {
            return DialAutomaton.intersects(a, b);
        }
    }

    /**
     * Weekly time windows ({@link TimeWindow}: {@code 08:00-18:00 Mon-Fri}), as the minutes of the week they hold; or,
     * for allowed hours, the minutes outside them (a fraud row applies outside its allowed hours).
     */
    static final class TimeWindows extends Dimension<BitSet> {

        private static final int WEEK = 7 * 24 * 60;
        private final boolean outside;

        TimeWindows(boolean outside) {
            this.outside = outside;
        }

        @Override
        Kind kind() {
            return Kind.TIME_WINDOWS;
        }

        @Override
        BitSet all() {
            BitSet b = new BitSet(WEEK);
            b.set(0, WEEK);
            return b;
        }

        @Override
        BitSet parse(String cell) {
            TimeWindow window = TimeWindow.parse(cell);
            BitSet minutes = new BitSet(WEEK);
            int i = 0;
            for (DayOfWeek day : DayOfWeek.values()) {
                for (int m = 0; m < 24 * 60; m++, i++) {
                    if (window.contains(day, LocalTime.of(m / 60, m % 60)) != outside) {
                        minutes.set(i);
                    }
                }
            }
            return minutes;
        }

        @Override
        boolean within(BitSet later, List<BitSet> union) {
            BitSet left = (BitSet) later.clone();
            union.forEach(left::andNot);
            return left.isEmpty();
        }

        @Override
        boolean intersect(BitSet a, BitSet b) {
            return a.intersects(b);
        }

        @Override
        boolean empty(BitSet minutes) {
            return minutes.isEmpty();
        }
    }

    /**
     * A figure compared with the cell's number: at least it ({@code attempts >= 1000}), below it ({@code asrBelow(35)})
     * or above it. The larger a lower bound, or the smaller an upper bound, the fewer the cases it selects.
     */
    static final class Threshold extends Dimension<Double> {

        private final boolean upperBound;

        /** @param upperBound the figure must be below the cell's number */
        Threshold(boolean upperBound) {
            this.upperBound = upperBound;
        }

        @Override
        Kind kind() {
            return Kind.THRESHOLD;
        }

        @Override
        Double all() {
            return upperBound ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }

        @Override
        Double parse(String cell) {
            try {
                return Double.valueOf(cell.replace("%", "").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(cell + " is not a number", e);
            }
        }

        @Override
        boolean within(Double later, List<Double> union) {
            return union.stream().anyMatch(u -> upperBound ? u >= later : u <= later);
        }

        @Override
        boolean intersect(Double a, Double b) {
            return true;
        }
    }

    /** A condition the linter does not know: two cells select the same calls only when they say the same. */
    static final class Text extends Dimension<String> {

        @Override
        Kind kind() {
            return Kind.TEXT;
        }

        @Override
        String all() {
            return "";
        }

        @Override
        String parse(String cell) {
            return cell;
        }

        @Override
        boolean within(String later, List<String> union) {
            return union.contains("") || union.contains(later);
        }

        @Override
        boolean intersect(String a, String b) {
            return a.isEmpty() || b.isEmpty() || a.equals(b);
        }
    }
}
