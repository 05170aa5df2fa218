package io.trunkline.ejb.ruleset.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The longest common subsequence of two sequences (rows of a sheet, lines of a file), as the pairs of positions it
 * keeps: what is kept in place, so that what lies between is what was removed and added. Exact by dynamic programming
 * up to {@value #EXACT_CELLS} cells of the table after the common start and end are set aside; beyond, anchored on the
 * elements that occur once in each (patience diff) and exact between anchors, or, where nothing anchors a large
 * stretch, that stretch is taken as replaced.
 */
final class Alignment {

    static final long EXACT_CELLS = 16_000_000L;

    /** A kept element: its position in each sequence. */
    record Pair(int from, int to) {
    }

    private Alignment() {
    }

    static <T> List<Pair> lcs(List<T> a, List<T> b) {
        List<Pair> out = new ArrayList<>();
        align(a, 0, a.size(), b, 0, b.size(), out);
        return out;
    }

    private static <T> void align(List<T> a, int a0, int a1, List<T> b, int b0, int b1, List<Pair> out) {
        List<Pair> tail = new ArrayList<>();
        while (a0 < a1 && b0 < b1 && a.get(a0).equals(b.get(b0))) {
            out.add(new Pair(a0++, b0++));
        }
        while (a0 < a1 && b0 < b1 && a.get(a1 - 1).equals(b.get(b1 - 1))) {
            tail.add(0, new Pair(--a1, --b1));
        }
        if (a0 < a1 && b0 < b1) {
            if ((long) (a1 - a0) * (b1 - b0) <= EXACT_CELLS) {
                exact(a, a0, a1, b, b0, b1, out);
            } else {
                anchored(a, a0, a1, b, b0, b1, out);
            }
        }
        out.addAll(tail);
    }

    /** Dynamic programming from the end, with a byte per cell saying which way the best path goes. */
    private static <T> void exact(List<T> a, int a0, int a1, List<T> b, int b0, int b1, List<Pair> out) {
        int m = a1 - a0;
        int n = b1 - b0;
        byte[] way = new byte[m * n];
        int[] below = new int[n + 1];
        int[] here = new int[n + 1];
        for (int i = m - 1; i >= 0; i--) {
            here[n] = 0;
            for (int j = n - 1; j >= 0; j--) {
                if (a.get(a0 + i).equals(b.get(b0 + j))) {
                    here[j] = below[j + 1] + 1;
                    way[i * n + j] = 0;
                } else if (below[j] >= here[j + 1]) {
                    here[j] = below[j];
                    way[i * n + j] = 1;
                } else {
                    here[j] = here[j + 1];
                    way[i * n + j] = 2;
                }
            }
            int[] t = below;
            below = here;
            here = t;
        }
        int i = 0;
        int j = 0;
        while (i < m && j < n) {
            switch (way[i * n + j]) {
                case 0 -> out.add(new Pair(a0 + i++, b0 + j++));
                case 1 -> i++;
                default -> j++;
            }
        }
    }

    /** Patience: the elements once in each, kept in the longest run in order of both, then each stretch between. */
    private static <T> void anchored(List<T> a, int a0, int a1, List<T> b, int b0, int b1, List<Pair> out) {
        Map<T, int[]> seen = new HashMap<>();
        for (int i = a0; i < a1; i++) {
            seen.computeIfAbsent(a.get(i), k -> new int[]{0, -1, 0, -1});
            int[] s = seen.get(a.get(i));
            s[0]++;
            s[1] = i;
        }
        for (int j = b0; j < b1; j++) {
            int[] s = seen.get(b.get(j));
            if (s != null) {
                s[2]++;
                s[3] = j;
            }
        }
        List<Pair> unique = new ArrayList<>();
        for (int i = a0; i < a1; i++) {
            int[] s = seen.get(a.get(i));
            if (s[0] == 1 && s[2] == 1) {
                unique.add(new Pair(i, s[3]));
            }
        }
        List<Pair> anchors = longestIncreasing(unique);
        if (anchors.isEmpty()) {
            return;
        }
        int pa = a0;
        int pb = b0;
        for (Pair p : anchors) {
            align(a, pa, p.from(), b, pb, p.to(), out);
            out.add(p);
            pa = p.from() + 1;
            pb = p.to() + 1;
        }
        align(a, pa, a1, b, pb, b1, out);
    }

    /** The longest run of pairs increasing in {@code to} (they come increasing in {@code from}). */
    private static List<Pair> longestIncreasing(List<Pair> pairs) {
        int[] tails = new int[pairs.size()];
        int[] previous = new int[pairs.size()];
        int length = 0;
        for (int k = 0; k < pairs.size(); k++) {
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (pairs.get(tails[mid]).to() < pairs.get(k).to()) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[k] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = k;
            length = Math.max(length, lo + 1);
        }
        List<Pair> out = new ArrayList<>();
        for (int k = length == 0 ? -1 : tails[length - 1]; k >= 0; k = previous[k]) {
            out.add(0, pairs.get(k));
        }
        return out;
    }
}
