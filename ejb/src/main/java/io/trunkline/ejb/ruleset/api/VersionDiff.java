package io.trunkline.ejb.ruleset.api;

import java.io.Serializable;
import java.util.List;

/**
 * What changed from one stored version of a rulebook to another, file by file: for a spreadsheet, sheet by sheet
 * the rows added, removed, changed (with each changed cell) and moved; for a text file (DRL), the lines added and
 * removed. Files that did not change are left out.
 */
public record VersionDiff(String rulebook, int from, int to, List<FileDiff> files) implements Serializable {

    /** How a file, sheet or line differs. */
    public enum Change { ADDED, REMOVED, CHANGED }

    public VersionDiff {
        files = List.copyOf(files);
    }

    public boolean identical() {
        return files.isEmpty();
    }

    /** A file that differs: its sheets for a spreadsheet, its lines for a text file. */
    public record FileDiff(String file, Change change, List<SheetDiff> sheets, List<LineDiff> lines)
            implements Serializable {
        public FileDiff {
            sheets = List.copyOf(sheets);
            lines = List.copyOf(lines);
        }
    }

    /**
     * A sheet that differs. Rows are aligned on their content, so an inserted row is one added row and the rows below
     * it are not changed; a row whose cells are all the same in another place is moved, not removed and added.
     */
    public record SheetDiff(String sheet, Change change, List<RowDiff> added, List<RowDiff> removed,
                            List<RowDiff> changed, List<RowDiff> moved) implements Serializable {
        public SheetDiff {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
            moved = List.copyOf(moved);
        }
    }

    /**
     * A row in each version (null where it has none: {@code fromRow} of an added row), with its cells: every
     * non-blank cell of an added, removed or moved row, the changed cells of a changed row.
     */
    public record RowDiff(Integer fromRow, Integer toRow, List<CellDiff> cells) implements Serializable {
        public RowDiff {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One cell: its row in each version, column letter, the title of its table's column (null outside a table's data
     * rows), and its text before and after (null where its row is not in that version; empty when blank).
     */
    public record CellDiff(Integer fromRow, Integer toRow, String column, String title, String oldValue,
                           String newValue) implements Serializable {
    }

    /** A line of a text file added (its number in {@code to}) or removed (its number in {@code from}). */
    public record LineDiff(Change change, Integer fromLine, Integer toLine, String text) implements Serializable {
    }
}
