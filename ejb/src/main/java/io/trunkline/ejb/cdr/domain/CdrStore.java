package io.trunkline.ejb.cdr.domain;

import io.trunkline.camel.cdr.CdrPort;
import io.trunkline.camel.cdr.QualityRecord;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where CDR files' records go: a file's records and quality measurements, its counts and resume point. The file
 * record itself is the shared ingest store's ({@code billing.domain.IngestStore}).
 */
public interface CdrStore {

    /** A file of a source stored before with the same content: its status and how far it got. */
    record Existing(long id, String status, int linesDone) {
    }

    Optional<Existing> existing(String source, String sha256) throws SQLException;

    /** Adds a chunk's counts to its file and moves its resume point to {@code lastLine}. */
    void advance(long fileId, int read, int stored, int quarantined, int duplicates, int lastLine) throws SQLException;

    void finish(long fileId, Instant at) throws SQLException;

    CdrPort.Outcome outcome(long fileId) throws SQLException;

    /** Stores records, skipping those of the same source and call stored before; returns how many were new. */
    int storeRecords(long fileId, List<NormalizedRecord> records) throws SQLException;

    /** Start and end of the stored calls of a source with these call keys. */
    List<Instant[]> spansOf(String source, Collection<String> callKeys) throws SQLException;

    /** Stores quality measurements (their file lines beside them); returns how many were new. */
    int storeQuality(long fileId, List<QualityRecord> quality, List<Integer> lines) throws SQLException;
}
