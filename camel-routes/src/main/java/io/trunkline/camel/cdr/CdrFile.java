package io.trunkline.camel.cdr;

import io.trunkline.camel.billing.RejectedLine;
import java.util.List;

/** The lines of one CDR file held in memory: the records, the lines set aside with their reason, how many were read. */
public record CdrFile(List<CdrRecord> records, List<QualityRecord> quality, List<RejectedLine> rejected, int read) {
    public CdrFile {
        records = List.copyOf(records);
        quality = List.copyOf(quality);
        rejected = List.copyOf(rejected);
    }
}
