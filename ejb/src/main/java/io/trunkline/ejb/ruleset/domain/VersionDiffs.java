package io.trunkline.ejb.ruleset.domain;

import io.trunkline.ejb.ruleset.api.VersionDiff;
import io.trunkline.ejb.ruleset.api.VersionDiff.CellDiff;
import io.trunkline.ejb.ruleset.api.VersionDiff.Change;
import io.trunkline.ejb.ruleset.api.VersionDiff.LineDiff;
import io.trunkline.ejb.ruleset.api.VersionDiff.RowDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * What changed between two versions of a sheet, or of a text file. Rows are aligned on their whole content
 * ({@link Alignment}): the rows kept in order are unchanged, and only what lies between two kept rows was removed,
 * added or changed. A removed row whose cells all reappear in an added row elsewhere was moved. Between two kept rows,
 * removed and added rows are paired as changed rows where they share most of their cells (at least half of the
 * cells either fills), in order; a lone removed row facing a lone added row is one changed row when they share any
 * cell. What is left unpaired was removed or added.
 */
public final class VersionDiffs {

    private static final double SAME_ROW = 0.5;

    private VersionDiffs() {
    }

    /** The sheet's differences; empty when both versions show the same cells. */
    public static Optional<VersionDiff.SheetDiff> sheet(SheetGrid from, SheetGrid to) {
        if (from == null && to == null) {
            return Optional.empty();
        }
        List<SheetGrid.Row> a = from == null ? List.of() : from.rows();
        List<SheetGrid.Row> b = to == null ? List.of() : to.rows();
        List<SortedMap<String, String>> ka = a.stream().map(SheetGrid.Row::cells).toList();
        List<SortedMap<String, String>> kb = b.stream().map(SheetGrid.Row::cells).toList();
        List<Alignment.Pair> kept = Alignment.lcs(ka, kb);

        boolean[] keptA = new boolean[a.size()];
        boolean[] keptB = new boolean[b.size()];
        kept.forEach(p -> {
            keptA[p.from()] = true;
            keptB[p.to()] = true;
        });
        List<RowDiff> moved = new ArrayList<>();
        movedRows(a, b, keptA, keptB, moved);

        List<RowDiff> changed = new ArrayList<>();
        int pa = 0;
        int pb = 0;
        List<Alignment.Pair> bounds = new ArrayList<>(kept);
        bounds.add(new Alignment.Pair(a.size(), b.size()));
        for (Alignment.Pair p : bounds) {
            pairChanged(a, b, open(keptA, pa, p.from()), open(keptB, pb, p.to()), keptA, keptB, changed);
            pa = p.from() + 1;
            pb = p.to() + 1;
        }
        List<RowDiff> removed = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!keptA[i]) {
                removed.add(whole(a.get(i), null));
            }
        }
        List<RowDiff> added = new ArrayList<>();
        for (int j = 0; j < b.size(); j++) {
            if (!keptB[j]) {
                added.add(whole(null, b.get(j)));
            }
        }
        if (added.isEmpty() && removed.isEmpty() && changed.isEmpty() && moved.isEmpty()) {
            return Optional.empty();
        }
        Change change = from == null ? Change.ADDED : to == null ? Change.REMOVED : Change.CHANGED;
        return Optional.of(new VersionDiff.SheetDiff(from == null ? to.sheet() : from.sheet(), change, added, removed,
                changed, moved));
    }

    /** Rows removed in one place and added, cell for cell, in another: paired in order of their old place. */
    private static void movedRows(List<SheetGrid.Row> a, List<SheetGrid.Row> b, boolean[] keptA, boolean[] keptB,
                                  List<RowDiff> moved) {
        for (int i = 0; i < a.size(); i++) {
            if (keptA[i]) {
                continue;
            }
            for (int j = 0; j < b.size(); j++) {
                if (!keptB[j] && a.get(i).cells().equals(b.get(j).cells())) {
                    keptA[i] = true;
                    keptB[j] = true;
                    moved.add(whole(a.get(i), b.get(j)));
                    break;
                }
            }
        }
    }

    /** The positions in {@code [from, to)} not yet accounted for. */
    private static List<Integer> open(boolean[] kept, int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!kept[i]) {
                out.add(i);
            }
        }
        return out;
    }

    /** Pairs removed and added rows of one stretch as changed rows, keeping their order, most shared cells first. */
    private static void pairChanged(List<SheetGrid.Row> a, List<SheetGrid.Row> b, List<Integer> removed,
                                    List<Integer> added, boolean[] keptA, boolean[] keptB, List<RowDiff> changed) {
        int m = removed.size();
        int n = added.size();
        if (m == 0 || n == 0) {
            return;
        }
        boolean lone = m == 1 && n == 1;
        double[][] best = new double[m + 1][n + 1];
        for (int i = m - 1; i >= 0; i--) {
            for (int j = n - 1; j >= 0; j--) {
                double s = similarity(a.get(removed.get(i)), b.get(added.get(j)));
                double pair = s >= SAME_ROW || (lone && s > 0) ? s + best[i + 1][j + 1] : -1;
                best[i][j] = Math.max(pair, Math.max(best[i + 1][j], best[i][j + 1]));
            }
        }
        int i = 0;
        int j = 0;
        while (i < m && j < n) {
            double s = similarity(a.get(removed.get(i)), b.get(added.get(j)));
            boolean pairs = (s >= SAME_ROW || (lone && s > 0)) && best[i][j] == s + best[i + 1][j + 1];
            if (pairs) {
                keptA[removed.get(i)] = true;
                keptB[added.get(j)] = true;
                changed.add(cells(a.get(removed.get(i)), b.get(added.get(j))));
                i++;
                j++;
            } else if (best[i][j] == best[i + 1][j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    /** The cells two rows agree on over the cells either fills. */
    static double similarity(SheetGrid.Row x, SheetGrid.Row y) {
        TreeSet<String> letters = new TreeSet<>(x.cells().keySet());
        letters.addAll(y.cells().keySet());
        long same = letters.stream().filter(l -> x.cell(l).equals(y.cell(l))).count();
        return letters.isEmpty() ? 1 : (double) same / letters.size();
    }

    /** A row as one piece: every non-blank cell, with its value in the versions that have it. */
    private static RowDiff whole(SheetGrid.Row from, SheetGrid.Row to) {
        SheetGrid.Row row = to == null ? from : to;
        List<CellDiff> cells = new ArrayList<>();
        row.cells().forEach((letter, value) -> cells.add(new CellDiff(number(from), number(to), letter,
                title(from, to, letter), from == null ? null : from.cell(letter), to == null ? null : to.cell(letter))));
        return new RowDiff(number(from), number(to), cells);
    }

    /** A changed row: the cells that differ. */
    private static RowDiff cells(SheetGrid.Row from, SheetGrid.Row to) {
        TreeSet<String> letters = new TreeSet<>(SheetGrid.COLUMNS);
        letters.addAll(from.cells().keySet());
        letters.addAll(to.cells().keySet());
        List<CellDiff> out = new ArrayList<>();
        for (String l : letters) {
            if (!from.cell(l).equals(to.cell(l))) {
                out.add(new CellDiff(from.number(), to.number(), l, title(from, to, l), from.cell(l), to.cell(l)));
            }
        }
        return new RowDiff(from.number(), to.number(), out);
    }

    private static Integer number(SheetGrid.Row row) {
        return row == null ? null : row.number();
    }

    private static String title(SheetGrid.Row from, SheetGrid.Row to, String letter) {
        String t = to == null ? null : to.titles().get(letter);
        return t != null ? t : from == null ? null : from.titles().get(letter);
    }

    /** A text file's lines removed (numbered in {@code from}) and added (numbered in {@code to}), in file order. */
    public static List<LineDiff> lines(List<String> from, List<String> to) {
        List<Alignment.Pair> kept = new ArrayList<>(Alignment.lcs(from, to));
        kept.add(new Alignment.Pair(from.size(), to.size()));
        List<LineDiff> out = new ArrayList<>();
        int pa = 0;
        int pb = 0;
        for (Alignment.Pair p : kept) {
            for (int i = pa; i < p.from(); i++) {
                out.add(new LineDiff(Change.REMOVED, i + 1, null, from.get(i)));
            }
            for (int j = pb; j < p.to(); j++) {
                out.add(new LineDiff(Change.ADDED, null, j + 1, to.get(j)));
            }
            pa = p.from() + 1;
            pb = p.to() + 1;
        }
        return out;
    }

    /** Sheets matched by name, in the order of {@code to} then those only in {@code from}. */
    public static List<VersionDiff.SheetDiff> sheets(List<SheetGrid> from, List<SheetGrid> to) {
        Map<String, SheetGrid> before = new LinkedHashMap<>();
        from.forEach(s -> before.put(s.sheet(), s));
        List<VersionDiff.SheetDiff> out = new ArrayList<>();
        for (SheetGrid s : to) {
            sheet(before.remove(s.sheet()), s).ifPresent(out::add);
        }
        before.values().forEach(s -> sheet(s, null).ifPresent(out::add));
        return out;
    }
}
