package io.trunkline.ejb.cdr.api;

import java.io.Serializable;
import java.util.List;
import javax.ejb.Local;

/** The configured CDR sources, and batches of records pushed to one of them over HTTP. */
@Local
public interface CdrIntake {

    /** A configured source: its format, what it reports for, where its files come from. */
    record Source(String id, String format, String pbx, String carrier, String zone, String inbox, boolean sftp)
            implements Serializable {
    }

    /** What came of a batch: {@code read = stored + quarantined + duplicates}. */
    record Result(long fileId, String source, String fileName, String status, int read, int stored, int quarantined,
                  int duplicates, String reason) implements Serializable {
    }

    /** Thrown when a pushed batch cannot be read at all; it has been recorded as refused. */
    @javax.ejb.ApplicationException
    class UnreadableBatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnreadableBatch(String message) {
            super(message);
        }
    }

    List<Source> sources();

    /**
     * @throws IllegalArgumentException naming the source when it is not configured
     * @throws UnreadableBatch          when the batch cannot be read (wrong encoding, header, cut off)
     */
    Result push(String source, String fileName, byte[] body);
}
