package io.trunkline.edge.testing;

import io.trunkline.contract.events.CallRecord;
import java.time.Instant;
import java.util.List;

/** Call records as a node journals them, built for tests. */
public final class CallRecords {

    private CallRecords() {
    }

    /** An answered outbound call that failed over from carrier A (503) to carrier B. */
    public static CallRecord answered(String callId, Instant started) {
        return new CallRecord(callId, "edge-1", "hq-cucm", "2001", "9011442071234567", "+12125552001", "+442071234567",
                "INTERNATIONAL", "PLATFORM",
                List.of(new CallRecord.Attempt("carrier-a", "sip:+442071234567@127.0.0.1:17261", 503, null, 12L),
                        new CallRecord.Attempt("carrier-b", "sip:+442071234567@127.0.0.1:17262", 200, 180L, 900L)),
                started, started.plusMillis(912), started.plusSeconds(61), 200, "PBX", "OUTBOUND", "hq-cucm");
    }

    /**
     * Every call record node {@code node} has journaled in {@code journalDir} so far, in order: its current file and
     * the older segments ({@code <node>.journal.000001}, ...) the journal rolled over into.
     */
    public static java.util.List<CallRecord> journaled(java.nio.file.Path journalDir, String node)
            throws java.io.IOException {
        java.util.List<CallRecord> out = new java.util.ArrayList<>();
        java.util.List<java.nio.file.Path> files;
        try (var listed = java.nio.file.Files.list(journalDir)) {
            files = listed.filter(f -> f.getFileName().toString().startsWith(node + ".journal")).toList();
        }
        java.util.List<String[]> lines = new java.util.ArrayList<>();
        for (java.nio.file.Path f : files) {
            for (String line : java.nio.file.Files.readAllLines(f)) {
                if (line.startsWith("E ")) {
                    lines.add(line.split(" ", 4));
                }
            }
        }
        lines.sort(java.util.Comparator.comparingLong(l -> Long.parseLong(l[1])));
        for (String[] l : lines) {
            out.add(CallRecord.fromJson(l[3]));
        }
        return out;
    }
}
