package io.trunkline.camel.billing;

import java.util.List;

/**
 * A parsed rate-deck file: which carrier it belongs to, the content checksum (the same file dropped
 * twice is recognised), the data lines read, and the valid and rejected ones.
 */
public record RateDeckFile(String fileName, String carrier, String sha256, int linesRead,
                           List<RateDeckLine> rates, List<RejectedLine> rejected) {

    public RateDeckFile {
        rates = List.copyOf(rates);
        rejected = List.copyOf(rejected);
        if (rates.size() + rejected.size() != linesRead) {
            throw new IllegalArgumentException("lines read (" + linesRead + ") must equal valid ("
                    + rates.size() + ") plus rejected (" + rejected.size() + ")");
        }
    }
}
