package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.camel.billing.UnreadableFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * One PBX's or carrier's record format, read a line at a time so that a file of millions of lines is never
 * held whole: the file's first {@link #headerLines()} lines are handed to {@link #open}, which checks them and
 * returns the parser of every later line.
 */
public interface CdrFormat {

    /** How many lines precede the first record (0 for Asterisk's Master.csv, 2 for CUCM's files). */
    int headerLines();

    /**
     * A parser for one file's records.
     *
     * @param header the file's first {@link #headerLines()} lines, a byte-order mark already removed
     * @throws UnreadableFileException when the header is not this format's (the file goes to the error folder)
     */
    LineParser open(String fileName, List<String> header) throws UnreadableFileException;

    /** Reads one line of a file. */
    @FunctionalInterface
    interface LineParser {
        /**
         * @return the record, or null for a line that holds none (a blank line is never passed)
         * @throws IllegalArgumentException naming the column and what is wrong with it (the line is quarantined)
         */
        SourceRecord parse(String line);
    }

    /** Parses a whole file held in memory: for tests and small pushed batches. */
    default CdrFile parse(String fileName, List<String> lines) throws UnreadableFileException {
        int headers = Math.min(headerLines(), lines.size());
        List<String> header = new ArrayList<>(lines.subList(0, headers));
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        LineParser parser = open(fileName, header);
        List<CdrRecord> records = new ArrayList<>();
        List<QualityRecord> quality = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        int read = 0;
        for (int i = headers; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            read++;
            try {
                SourceRecord r = parser.parse(line);
                if (r instanceof CdrRecord c) {
                    records.add(c);
                } else if (r instanceof QualityRecord q) {
                    quality.add(q);
                }
            } catch (IllegalArgumentException e) {
                rejected.add(new RejectedLine(i + 1, line, e.getMessage()));
            }
        }
        return new CdrFile(records, quality, rejected, read);
    }
}
