package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.RejectedLine;
import java.util.List;

/**
 * Where the CDR routes hand what they read; implemented by the platform's call-record store. A file is taken
 * in chunks, each stored in one transaction together with the file's counts and the last line it covered,
 * so that a file interrupted anywhere (the server killed) is resumed after that line and every record is
 * stored exactly once.
 */
public interface CdrPort {

    /**
     * Where to start a file.
     *
     * @param linesDone physical lines of the file (header lines counted) already taken by an interrupted run (0 for
     *                  a new file); chunks end at a record's last line, so no record straddles it
     * @param duplicate true when the same content was already stored: it has been recorded as a duplicate
     *                  and nothing more is to be taken from it
     */
    record Opened(long fileId, int linesDone, boolean duplicate) {
    }

    /**
     * Consecutive lines of a file up to physical line {@code lastLine}: their records and quality records, each with
     * the physical line it starts on ({@code recordLines}, {@code qualityLines} run parallel), and their bad records;
     * {@code read} counts the non-blank records (a record over several lines counts once).
     */
    record Chunk(List<CdrRecord> records, List<Integer> recordLines, List<QualityRecord> quality,
                 List<Integer> qualityLines, List<RejectedLine> rejected, int read, int lastLine) {
        public Chunk {
            records = List.copyOf(records);
            recordLines = List.copyOf(recordLines);
            quality = List.copyOf(quality);
            qualityLines = List.copyOf(qualityLines);
            rejected = List.copyOf(rejected);
        }
    }

    /** What came of one file: {@code read = stored + quarantined + duplicates}. */
    record Outcome(long fileId, String source, String fileName, String status, int read, int stored,
                   int quarantined, int duplicates, String reason) {
    }

    /**
     * Opens the file (or finds the interrupted run of the same content).
     *
     * @param recordLines the file's non-blank records after its header, for a duplicate's counts
     */
    Opened open(CdrSource source, String fileName, String sha256, int recordLines);

    /** Stores one chunk, its counts and its last line in one transaction. */
    void take(CdrSource source, long fileId, Chunk chunk);

    /** Marks the file complete. */
    Outcome finish(long fileId);

    /** Records a file that could not be read at all (moved to the error folder) with the reason. */
    Outcome refuse(CdrSource source, String fileName, String reason);
}
