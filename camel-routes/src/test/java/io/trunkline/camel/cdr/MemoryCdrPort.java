package io.trunkline.camel.cdr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's store reduced to what the reader relies on, in memory: files by content with their counts
 * and resume point, records once per source and key. The same contract runs against PostgreSQL in the
 * system tests.
 */
final class MemoryCdrPort implements CdrPort {

    static final class File {
        final long id;
        final String source;
        final String name;
        final String sha;
        String status;
        int read;
        int stored;
        int quarantined;
        int duplicates;
        int linesDone;
        String reason;

        File(long id, String source, String name, String sha, String status) {
            this.id = id;
            this.source = source;
            this.name = name;
            this.sha = sha;
            this.status = status;
        }

        Outcome outcome() {
            return new Outcome(id, source, name, status, read, stored, quarantined, duplicates, reason);
        }
    }

    final List<File> files = new ArrayList<>();
    final Map<String, SourceRecord> records = new LinkedHashMap<>();
    final List<Chunk> chunks = new ArrayList<>();

    @Override
    public synchronized Opened open(CdrSource source, String fileName, String sha256, int recordLines) {
        for (File f : files) {
            if (f.source.equals(source.id()) && sha256.equals(f.sha) && f.status.equals("STORED")) {
                File dup = add(source, fileName, sha256, "DUPLICATE");
                dup.read = recordLines;
                dup.duplicates = recordLines;
                return new Opened(dup.id, 0, true);
            }
            if (f.source.equals(source.id()) && sha256.equals(f.sha) && f.status.equals("RECEIVING")) {
                return new Opened(f.id, f.linesDone, false);
            }
        }
        return new Opened(add(source, fileName, sha256, "RECEIVING").id, 0, false);
    }

    private File add(CdrSource source, String fileName, String sha, String status) {
        File f = new File(files.size() + 1, source.id(), fileName, sha, status);
        files.add(f);
        return f;
    }

    @Override
    public synchronized void take(CdrSource source, long fileId, Chunk chunk) {
        chunks.add(chunk);
        File f = files.get((int) fileId - 1);
        int stored = 0;
        List<SourceRecord> all = new ArrayList<>(chunk.records());
        all.addAll(chunk.quality());
        for (SourceRecord r : all) {
            String kind = r instanceof CdrRecord ? "cdr" : "quality";
            if (records.putIfAbsent(kind + "|" + r.source() + "|" + r.recordKey(), r) == null) {
                stored++;
            }
        }
        f.read += chunk.read();
        f.stored += stored;
        f.quarantined += chunk.rejected().size();
        f.duplicates += all.size() - stored;
        f.linesDone = chunk.lastLine();
    }

    @Override
    public synchronized Outcome finish(long fileId) {
        File f = files.get((int) fileId - 1);
        if (f.status.equals("RECEIVING")) {
            f.status = "STORED";
        }
        return f.outcome();
    }

    @Override
    public synchronized Outcome refuse(CdrSource source, String fileName, String reason) {
        File f = add(source, fileName, null, "REFUSED");
        f.reason = reason;
        return f.outcome();
    }

    synchronized File last() {
        return files.get(files.size() - 1);
    }
}
