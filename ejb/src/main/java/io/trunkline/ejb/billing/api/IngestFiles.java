package io.trunkline.ejb.billing.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/** What the platform's routes took in, file by file, with the counts that must reconcile. */
@Local
public interface IngestFiles {

    /** One file: {@code read = stored + quarantined + duplicates}. */
    record IngestedFile(long id, String source, String fileName, String subject, String status, int read,
                        int stored, int quarantined, int duplicates, String reason, Instant receivedAt)
            implements Serializable {
    }

    record QuarantinedRecord(long id, long fileId, String source, int lineNumber, String raw, String reason)
            implements Serializable {
    }

    /** The latest files, newest first, at most {@link #MAX_FILES}. */
    List<IngestedFile> recent(int limit);

    /** One file, however old. */
    Optional<IngestedFile> file(long id);

    /** A file's quarantined lines in line order, the first {@code limit} (its {@code quarantined} count has them all). */
    List<QuarantinedRecord> quarantine(long fileId, int limit);

    /** The most files {@link #recent} lists. */
    int MAX_FILES = 1000;
}
