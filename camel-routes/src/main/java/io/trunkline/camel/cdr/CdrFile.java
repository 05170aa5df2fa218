package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.RejectedLine;
import java.util.List;

/** The lines of one CDR file: the records, the lines set aside with their reason, and how many were read. */
public record CdrFile(List<CdrRecord> records, List<RejectedLine> rejected, int read) {
    public CdrFile {
        records = List.copyOf(records);
        rejected = List.copyOf(rejected);
    }
}
