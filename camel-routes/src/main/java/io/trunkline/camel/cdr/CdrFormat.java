package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.camel.billing.UnreadableFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One PBX's or carrier's record format, read a record at a time so that a file of millions of lines is never
 * held whole: the file's first {@link #headerLines()} lines are handed to {@link #open}, which checks them and
 * returns the parser of every later record (a line, several lines when a quoted field holds line breaks, or
 * one row of a JSON page).
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

    /** Reads one record of a file. */
    @FunctionalInterface
    interface LineParser {
        /**
         * @return the record, or null for a line that holds none (a blank line is never passed)
         * @throws IllegalArgumentException naming the column and what is wrong with it (the line is quarantined)
         */
        SourceRecord parse(String line);
    }

    /**
     * The format that reads a file starting with this text: a format written in more than one form (Teams call
     * records as a CSV export or as a Graph JSON page) chooses by content; most have one form.
     *
     * @param start the file's first characters, a byte-order mark and leading white space dropped
     */
    default CdrFormat forContent(String start) {
        return this;
    }

    /**
     * True when a file is one JSON page whose {@code value} array holds the records ({@link JsonPageRecords});
     * false for CSV records, one a line or, inside quotes, over several (RFC 4180).
     */
    default boolean jsonPage() {
        return false;
    }

    /** Parses a whole file held in memory: for tests and small pushed batches. Lines are numbered as in the file. */
    default CdrFile parse(String fileName, List<String> lines) throws UnreadableFileException {
        byte[] bytes = (lines.isEmpty() ? "" : String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        List<CdrRecord> records = new ArrayList<>();
        List<QualityRecord> quality = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        int read = 0;
        try (FileRecords file = FileRecords.open(this, FileRecords.start(bytes, Math.min(bytes.length, FileRecords.START)),
                new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            LineParser parser = file.format.open(fileName, file.header);
            Records.Text record;
            while ((record = file.records.next()) != null) {
                if (record.isBlank()) {
                    continue;
                }
                read++;
                try {
                    SourceRecord r = parser.parse(record.text());
                    if (r instanceof CdrRecord c) {
                        records.add(c);
                    } else if (r instanceof QualityRecord q) {
                        quality.add(q);
                    }
                } catch (IllegalArgumentException e) {
                    rejected.add(new RejectedLine(record.firstLine(), record.text(), e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CdrFile(records, quality, rejected, read);
    }
}
