package io.trunkline.ejb.ruleset.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A dial pattern ({@code io.trunkline.rules.dialplan.DialPattern}'s syntax: {@code X} any digit, {@code Z} 1-9,
 * {@code N} 2-9, {@code [1-4]} a set, {@code .} one or more characters, {@code !} zero or more; digits, {@code *},
 * {@code #} and {@code +} themselves) as a finite automaton, so that two patterns can be compared: whether every
 * string one matches is matched by others (the later row of a dial plan is then never reached) and whether two match
 * a string in common. Characters other than the keypad's form one symbol, as {@code .} matches them too.
 */
final class DialAutomaton {

    private static final int OTHER = 13;
    private static final int SYMBOLS = 14;
    private static final int ANY = (1 << SYMBOLS) - 1;

    /**
     * Per state: the symbols leading to the next state, those looping on it, whether it reaches the next one without
     * reading, and whether a string ending there is matched.
     */
    private final int[] next;
    private final int[] loop;
    private final boolean[] skip;
    private final boolean[] accept;
    /**
     * For a pattern's own automaton (not a union): the symbols allowed at each position before its first {@code .} or
     * {@code !}, and the shortest and longest strings it matches ({@link Integer#MAX_VALUE}: no longest), which tell
     * most pairs of patterns apart without walking them.
     */
    private final int[] head;
    private final int shortest;
    private final int longest;

    private DialAutomaton(int[] next, int[] loop, boolean[] skip, boolean[] accept) {
        this.next = next;
        this.loop = loop;
        this.skip = skip;
        this.accept = accept;
        int fixed = 0;
        while (fixed < next.length - 1 && !skip[fixed] && loop[fixed] == 0 && loop[fixed + 1] == 0) {
            fixed++;
        }
        this.head = java.util.Arrays.copyOf(next, fixed);
        int min = 0;
        boolean bounded = true;
        for (int s = 0; s < next.length - 1; s++) {
            if (!skip[s]) {
                min++;
            }
            bounded &= loop[s] == 0;
        }
        this.shortest = min;
        this.longest = bounded && loop[next.length - 1] == 0 ? min : Integer.MAX_VALUE;
    }

    /** True when some position of the pattern allows no symbol at all: it matches nothing. */
    private boolean matchesNothing() {
        for (int s = 0; s < next.length - 1; s++) {
            if (!skip[s] && next[s] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The automaton of every string. */
    static DialAutomaton any() {
        return new DialAutomaton(new int[]{0, 0}, new int[]{ANY, 0}, new boolean[]{true, false}, new boolean[]{false, true});
    }

    /** @throws IllegalArgumentException the pattern is not dial-pattern syntax */
    static DialAutomaton of(String pattern) {
        String p = pattern.trim();
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty dial pattern");
        }
        List<int[]> tokens = new ArrayList<>();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case 'X', 'x' -> tokens.add(new int[]{range('0', '9'), 1});
                case 'Z', 'z' -> tokens.add(new int[]{range('1', '9'), 1});
                case 'N', 'n' -> tokens.add(new int[]{range('2', '9'), 1});
                case '.' -> tokens.add(new int[]{ANY, 2});
                case '!' -> tokens.add(new int[]{ANY, 3});
                case '[' -> {
                    int end = p.indexOf(']', i);
                    if (end < 0) {
                        throw new IllegalArgumentException("dial pattern '" + pattern + "': '[' is not closed");
                    }
                    tokens.add(new int[]{set(pattern, p.substring(i + 1, end)), 1});
                    i = end;
                }
                default -> {
                    if ((c >= '0' && c <= '9') || c == '*' || c == '#' || c == '+') {
                        tokens.add(new int[]{1 << symbol(c), 1});
                    } else {
                        throw new IllegalArgumentException("dial pattern '" + pattern + "': '" + c + "' is not dial-pattern syntax");
                    }
                }
            }
        }
        int n = tokens.size();
        int[] next = new int[n + 1];
        int[] loop = new int[n + 1];
        boolean[] skip = new boolean[n + 1];
        boolean[] accept = new boolean[n + 1];
        accept[n] = true;
        for (int i = 0; i < n; i++) {
            int mask = tokens.get(i)[0];
            switch (tokens.get(i)[1]) {
                case 1 -> next[i] = mask;
                case 2 -> {
                    next[i] = mask;
                    loop[i + 1] |= mask;
                }
                default -> {
                    loop[i] |= mask;
                    skip[i] = true;
                }
            }
        }
        return new DialAutomaton(next, loop, skip, accept);
    }

    /** True when every string {@code sub} matches is matched by one of {@code union}. */
    static boolean included(DialAutomaton sub, List<DialAutomaton> union) {
        if (union.size() == 1 && !sub.matchesNothing()) {
            DialAutomaton sup = union.get(0);
            if (sub.shortest < sup.shortest || sub.longest > sup.longest) {
                return false;
            }
            for (int i = 0; i < Math.min(sub.head.length, sup.head.length); i++) {
                if ((sub.head[i] & ~sup.head[i]) != 0) {
                    return false;
                }
            }
        }
        return explore(sub, union, true);
    }

    /** True when some string is matched by both. */
    static boolean intersects(DialAutomaton a, DialAutomaton b) {
        if (a.longest < b.shortest || b.longest < a.shortest) {
            return false;
        }
        for (int i = 0; i < Math.min(a.head.length, b.head.length); i++) {
            if ((a.head[i] & b.head[i]) == 0) {
                return false;
            }
        }
        return !explore(a, List.of(b), false);
    }

    /**
     * Walks the pairs of state sets both automata reach on the same strings. For inclusion, answers false as soon as
     * {@code a} accepts where the union does not; for intersection, false as soon as both accept.
     */
    private static boolean explore(DialAutomaton a, List<DialAutomaton> union, boolean inclusion) {
        DialAutomaton b = concat(union);
        BitSet startA = a.closure(start(0));
        BitSet startB = b.closure(b.starts(union));
        Set<List<BitSet>> seen = new HashSet<>();
        Deque<BitSet[]> work = new ArrayDeque<>();
        work.add(new BitSet[]{startA, startB});
        seen.add(List.of(startA, startB));
        while (!work.isEmpty()) {
            BitSet[] pair = work.poll();
            boolean acceptA = a.accepts(pair[0]);
            boolean acceptB = b.accepts(pair[1]);
            if (inclusion && acceptA && !acceptB) {
                return false;
            }
            if (!inclusion && acceptA && acceptB) {
                return false;
            }
            for (int s = 0; s < SYMBOLS; s++) {
                BitSet na = a.step(pair[0], s);
                if (na.isEmpty()) {
                    continue;
                }
                BitSet nb = b.step(pair[1], s);
                if (!inclusion && nb.isEmpty()) {
                    continue;
                }
                if (seen.add(List.of(na, nb))) {
                    work.add(new BitSet[]{na, nb});
                }
            }
        }
        return true;
    }

    /** The automata side by side, each keeping its states; their start states are {@link #starts}. */
    private static DialAutomaton concat(List<DialAutomaton> parts) {
        int size = parts.stream().mapToInt(p -> p.next.length).sum();
        int[] next = new int[size];
        int[] loop = new int[size];
        boolean[] skip = new boolean[size];
        boolean[] accept = new boolean[size];
        int at = 0;
        for (DialAutomaton p : parts) {
            System.arraycopy(p.next, 0, next, at, p.next.length);
            System.arraycopy(p.loop, 0, loop, at, p.loop.length);
            System.arraycopy(p.skip, 0, skip, at, p.skip.length);
            System.arraycopy(p.accept, 0, accept, at, p.accept.length);
            at += p.next.length;
        }
        // A part's last state has no next and no skip, so no part leads into the one after it.
        return new DialAutomaton(next, loop, skip, accept);
    }

    private BitSet starts(List<DialAutomaton> parts) {
        BitSet s = new BitSet();
        int at = 0;
        for (DialAutomaton p : parts) {
            s.set(at);
            at += p.next.length;
        }
        return s;
    }

    private static BitSet start(int state) {
        BitSet s = new BitSet();
        s.set(state);
        return s;
    }

    private boolean accepts(BitSet states) {
        for (int s = states.nextSetBit(0); s >= 0; s = states.nextSetBit(s + 1)) {
            if (accept[s]) {
                return true;
            }
        }
        return false;
    }

    private BitSet step(BitSet states, int symbol) {
        BitSet out = new BitSet();
        int bit = 1 << symbol;
        for (int s = states.nextSetBit(0); s >= 0; s = states.nextSetBit(s + 1)) {
            if ((next[s] & bit) != 0) {
                out.set(s + 1);
            }
            if ((loop[s] & bit) != 0) {
                out.set(s);
            }
        }
        return closure(out);
    }

    private BitSet closure(BitSet states) {
        BitSet out = (BitSet) states.clone();
        for (int s = out.nextSetBit(0); s >= 0; s = out.nextSetBit(s + 1)) {
            if (skip[s]) {
                out.set(s + 1);
            }
        }
        return out;
    }

    private static int symbol(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case '*' -> 10;
            case '#' -> 11;
            case '+' -> 12;
            default -> OTHER;
        };
    }

    private static int range(char from, char to) {
        int mask = 0;
        for (char c = from; c <= to; c++) {
            mask |= 1 << symbol(c);
        }
        return mask;
    }

    /** A bracketed set such as {@code 1-4} or {@code 135}, as the regular expression DialPattern makes of it reads it. */
    private static int set(String pattern, String body) {
        if (!body.matches("[0-9\\-]+")) {
            throw new IllegalArgumentException("dial pattern '" + pattern + "': set [" + body + "] may hold only digits and ranges");
        }
        int mask = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (i + 2 < body.length() && body.charAt(i + 1) == '-' && c != '-') {
                char to = body.charAt(i + 2);
                if (to < c) {
                    throw new IllegalArgumentException("dial pattern '" + pattern + "': range " + c + "-" + to + " is backwards");
                }
                mask |= range(c, to);
                i += 2;
            } else if (c != '-') {
                mask |= 1 << symbol(c);
            }
            // A '-' at either end of the set is the character '-' itself, which nobody dials: it adds no digit.
        }
        return mask;
    }
}
