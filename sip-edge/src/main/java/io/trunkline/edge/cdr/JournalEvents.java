package io.trunkline.edge.cdr;

import io.trunkline.contract.events.CallRecord;
import io.trunkline.contract.events.EdgeEvents;
import io.trunkline.contract.json.Json;
import io.trunkline.contract.edge.SourceBan;
import io.trunkline.edge.b2bua.B2bua;
import io.trunkline.edge.security.SecurityEvents;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the node reports, written to its journal as events of the {@link EdgeEvents} package. */
public final class JournalEvents implements B2bua.CallRecords, SecurityEvents {

    private final Journal journal;
    private final String node;

    public JournalEvents(Journal journal, String node) {
        this.journal = journal;
        this.node = node;
    }

    @Override
    public void record(CallRecord record) throws IOException {
        journal.append(EdgeEvents.CALL, record.toJson());
    }

    @Override
    public void rejected(String source, String method, int code, String reason) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", node);
        m.put("source", source);
        m.put("method", method);
        m.put("code", code);
        m.put("reason", reason);
        m.put("at", Instant.now().toString());
        journal.append(EdgeEvents.SECURITY, Json.write(m));
    }

    @Override
    public void banned(SourceBan ban) {
        security(ban.toMap());
    }

    @Override
    public void peerOverLimit(String source, String peer, long count, int limit, int windowMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", SourceBan.PEER_OVER_LIMIT_EVENT);
        m.put("node", node);
        m.put("source", source);
        m.put("peer", peer);
        m.put("rule", "rate");
        m.put("count", count);
        m.put("limit", limit);
        m.put("windowMs", windowMs);
        m.put("at", Instant.now().toString());
        security(m);
    }

    private void security(Map<String, Object> body) {
        try {
            journal.append(EdgeEvents.SECURITY, Json.write(body));
        } catch (IOException e) {
            // The ban itself holds (it is in the cluster); only the platform's copy of the report is lost.
            org.slf4j.LoggerFactory.getLogger(JournalEvents.class).error("security event not journaled: {} ({})",
                    body, e.toString());
        }
    }

    /** A trunk's state change, as the prober's JSON. */
    public void trunk(String json) throws IOException {
        journal.append(EdgeEvents.TRUNK, json);
    }
}
