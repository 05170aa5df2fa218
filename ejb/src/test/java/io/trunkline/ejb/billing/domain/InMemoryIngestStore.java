package io.trunkline.ejb.billing.domain;

import io.trunkline.camel.billing.RateDeckLine;
import io.trunkline.camel.billing.RejectedLine;
import io.trunkline.ejb.billing.api.IngestFiles.IngestedFile;
import io.trunkline.ejb.billing.api.IngestFiles.QuarantinedRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The ingest tables in memory, as the JDBC store keeps them: file rows, quarantined lines, carriers' rates. */
public final class InMemoryIngestStore implements IngestStore {

    /** A file row; CDR files' chunks update it in place as the table's row is updated. */
    public static final class FileRow {
        public final long id;
        public final String source;
        public final String fileName;
        public final String sha256;
        public final String subject;
        public final Instant receivedAt;
        public String status;
        public String reason;
        public int read;
        public int stored;
        public int quarantined;
        public int duplicates;
        public int linesDone;
        public Instant finishedAt;

        FileRow(long id, String source, String fileName, String sha256, String subject, Instant receivedAt) {
            this.id = id;
            this.source = source;
            this.fileName = fileName;
            this.sha256 = sha256;
            this.subject = subject;
            this.receivedAt = receivedAt;
        }

        IngestedFile view() {
            return new IngestedFile(id, source, fileName, subject, status, read, stored, quarantined, duplicates, reason,
                    receivedAt);
        }
    }

    /** A stored rate with the carrier and the file it came from. */
    public record StoredRate(String carrier, long fileId, RateDeckLine line) {
    }

    private final Map<Long, FileRow> files = new LinkedHashMap<>();
    private final List<QuarantinedRecord> quarantined = new ArrayList<>();
    private final List<StoredRate> rates = new ArrayList<>();
    private long nextId = 1;

    @Override
    public boolean alreadyStored(String source, String sha256) {
        return files.values().stream().anyMatch(f -> f.source.equals(source) && sha256 != null
                && sha256.equals(f.sha256) && "STORED".equals(f.status));
    }

    @Override
    public long recordFile(String source, String fileName, String sha256, String subject, String status, int read,
                           int stored, int quarantined, int duplicates, String reason, Instant at) {
        FileRow f = new FileRow(nextId++, source, fileName, sha256, subject, at);
        f.status = status;
        f.read = read;
        f.stored = stored;
        f.quarantined = quarantined;
        f.duplicates = duplicates;
        f.reason = reason;
        f.finishedAt = "RECEIVING".equals(status) ? null : at;
        files.put(f.id, f);
        return f.id;
    }

    @Override
    public void storeRates(long fileId, String carrier, List<RateDeckLine> lines) {
        Set<LocalDate> days = lines.stream().map(RateDeckLine::effectiveFrom).collect(Collectors.toSet());
        rates.removeIf(r -> r.carrier().equals(carrier) && days.contains(r.line().effectiveFrom()));
        lines.forEach(l -> rates.add(new StoredRate(carrier, fileId, l)));
    }

    @Override
    public void quarantine(long fileId, List<RejectedLine> rejected) {
        for (RejectedLine r : rejected) {
            quarantined.add(new QuarantinedRecord(quarantined.size() + 1, fileId, files.get(fileId).source,
                    r.lineNumber(), r.raw(), r.reason()));
        }
    }

    @Override
    public Optional<IngestedFile> find(long id) {
        return Optional.ofNullable(files.get(id)).map(FileRow::view);
    }

    @Override
    public List<IngestedFile> recent(int limit) {
        return files.values().stream().sorted(Comparator.comparingLong((FileRow f) -> f.id).reversed()).limit(limit)
                .map(FileRow::view).toList();
    }

    @Override
    public List<QuarantinedRecord> quarantined(long fileId) {
        return quarantined(fileId, Integer.MAX_VALUE);
    }

    @Override
    public List<QuarantinedRecord> quarantined(long fileId, int limit) {
        return quarantined.stream().filter(q -> q.fileId() == fileId)
                .sorted(Comparator.comparingInt(QuarantinedRecord::lineNumber)).limit(limit).toList();
    }

    /** The row of a file, for the CDR store that shares the table. */
    public Optional<FileRow> row(long id) {
        return Optional.ofNullable(files.get(id));
    }

    public List<FileRow> rows() {
        return List.copyOf(files.values());
    }

    public List<StoredRate> rates(String carrier) {
        return rates.stream().filter(r -> r.carrier().equals(carrier)).toList();
    }
}
