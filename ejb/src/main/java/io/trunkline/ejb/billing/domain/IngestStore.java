package io.trunkline.ejb.billing.domain;

import io.trunkline.camel.billing.RateDeckLine;
import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.ejb.billing.api.IngestFiles.IngestedFile;
import io.trunkline.ejb.billing.api.IngestFiles.QuarantinedRecord;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every file the platform ingests (rate decks, invoices, CDR files): its record, quarantined lines, and rates. */
public interface IngestStore {

    /** The source name of carriers' rate decks. */
    String RATE_DECK_SOURCE = "ratedeck";

    /** Whether a file of this source with this content was stored (not merely refused or duplicated). */
    boolean alreadyStored(String source, String sha256) throws SQLException;

    /** Records a file with its status and counts; returns its id. */
    long recordFile(String source, String fileName, String sha256, String subject, String status, int read,
                    int stored, int quarantined, int duplicates, String reason, Instant at) throws SQLException;

    void storeRates(long fileId, String carrier, List<RateDeckLine> rates) throws SQLException;

    void quarantine(long fileId, List<RejectedLine> rejected) throws SQLException;

    Optional<IngestedFile> find(long id) throws SQLException;

    /** The latest files, newest first. */
    List<IngestedFile> recent(int limit) throws SQLException;

    /** A file's quarantined lines in line order, the first {@code limit}. */
    List<QuarantinedRecord> quarantined(long fileId, int limit) throws SQLException;

    /** Every quarantined line of a file (tests and small files). */
    default List<QuarantinedRecord> quarantined(long fileId) throws SQLException {
        return quarantined(fileId, Integer.MAX_VALUE);
    }
}
