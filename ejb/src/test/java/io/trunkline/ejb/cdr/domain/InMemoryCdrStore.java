package io.trunkline.ejb.cdr.domain;

import io.trunkline.camel.cdr.CdrPort;
import io.trunkline.camel.cdr.QualityRecord;
import io.trunkline.ejb.billing.domain.InMemoryIngestStore;
import io.trunkline.ejb.billing.domain.InMemoryIngestStore.FileRow;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CDRs in memory, keyed as the tables are (source and record key), over the ingest store whose file rows they
 * share.
 */
public final class InMemoryCdrStore implements CdrStore {

    private final InMemoryIngestStore files;
    private final Map<String, NormalizedRecord> records = new LinkedHashMap<>();
    private final Map<String, QualityRecord> quality = new LinkedHashMap<>();

    public InMemoryCdrStore(InMemoryIngestStore files) {
        this.files = files;
    }

    @Override
    public Optional<Existing> existing(String source, String sha256) {
        return files.rows().stream()
                .filter(f -> f.source.equals(source) && sha256 != null && sha256.equals(f.sha256)
                        && Set.of("RECEIVING", "STORED").contains(f.status))
                .min(Comparator.comparingLong(f -> f.id))
                .map(f -> new Existing(f.id, f.status, f.linesDone));
    }

    @Override
    public void advance(long fileId, int read, int stored, int quarantined, int duplicates, int lastLine)
            throws SQLException {
        FileRow f = files.row(fileId).filter(r -> "RECEIVING".equals(r.status))
                .orElseThrow(() -> new SQLException("file " + fileId + " is not being received"));
        f.read += read;
        f.stored += stored;
        f.quarantined += quarantined;
        f.duplicates += duplicates;
        f.linesDone = lastLine;
    }

    @Override
    public void finish(long fileId, Instant at) {
        files.row(fileId).filter(r -> "RECEIVING".equals(r.status)).ifPresent(f -> {
            f.status = "STORED";
            f.finishedAt = at;
        });
    }

    @Override
    public CdrPort.Outcome outcome(long fileId) throws SQLException {
        FileRow f = files.row(fileId).orElseThrow(() -> new SQLException("no ingest file " + fileId));
        return new CdrPort.Outcome(f.id, f.source, f.fileName, f.status, f.read, f.stored, f.quarantined, f.duplicates,
                f.reason);
    }

    @Override
    public int storeRecords(long fileId, List<NormalizedRecord> list) {
        int stored = 0;
        for (NormalizedRecord n : list) {
            if (records.putIfAbsent(n.record().source() + '\u0000' + n.record().recordKey(), n) == null) {
                stored++;
            }
        }
        return stored;
    }

    @Override
    public List<Instant[]> spansOf(String source, Collection<String> callKeys) {
        List<Instant[]> out = new ArrayList<>();
        for (NormalizedRecord n : records.values()) {
            if (n.record().source().equals(source) && callKeys.contains(n.record().callKey())) {
                out.add(new Instant[]{n.record().startedAt(), n.record().endedAt()});
            }
        }
        return out;
    }

    @Override
    public int storeQuality(long fileId, List<QualityRecord> list, List<Integer> lines) {
        int stored = 0;
        for (QualityRecord q : list) {
            if (quality.putIfAbsent(q.source() + '\u0000' + q.recordKey(), q) == null) {
                stored++;
            }
        }
        return stored;
    }

    /** The stored record of a source with this record key. */
    public Optional<NormalizedRecord> record(String source, String recordKey) {
        return Optional.ofNullable(records.get(source + '\u0000' + recordKey));
    }

    public int size() {
        return records.size();
    }
}
