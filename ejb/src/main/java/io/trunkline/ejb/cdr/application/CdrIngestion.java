package io.trunkline.ejb.cdr.application;

import io.trunkline.contract.telecom.PbxId;
import io.trunkline.camel.cdr.CdrPort;
import io.trunkline.camel.cdr.CdrRecord;
import io.trunkline.camel.cdr.CdrSource;
import io.trunkline.ejb.billing.domain.IngestStore;
import io.trunkline.ejb.cdr.domain.CdrStore;
import io.trunkline.ejb.cdr.domain.NormalizedRecord;
import io.trunkline.ejb.dialplan.api.DialPlan;
import io.trunkline.ejb.metrics.api.MetricMarks;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Local;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what the CDR routes read: each chunk of a file in one transaction with the file's counts and resume
 * point. Numbers of a PBX's records go through that PBX's dial plan (one rules session per chunk), a carrier's
 * through its country's numbering plan.
 */
@Stateless
@Local(CdrPort.class)
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class CdrIngestion implements CdrPort {

    private static final Logger LOG = LoggerFactory.getLogger(CdrIngestion.class);

    @EJB
    private DialPlan dialPlan;
    @EJB
    private MetricMarks metricMarks;

    @Inject
    private CdrStore store;
    @Inject
    private IngestStore files;

    public CdrIngestion() {
        // the container injects the fields
    }

    /** With its ports given, as the unit tests build it. */
    CdrIngestion(CdrStore store, IngestStore files, DialPlan dialPlan, MetricMarks metricMarks) {
        this.store = store;
        this.files = files;
        this.dialPlan = dialPlan;
        this.metricMarks = metricMarks;
    }

    @Override
    public Opened open(CdrSource source, String fileName, String sha256, int recordLines) {
        try {
            Instant now = Instant.now();
            Optional<CdrStore.Existing> existing = store.existing(source.id(), sha256);
            if (existing.isPresent() && existing.get().status().equals("STORED")) {
                long id = files.recordFile(source.id(), fileName, sha256, subject(source), "DUPLICATE", recordLines, 0, 0,
                        recordLines, "same content as file " + existing.get().id(), now);
                LOG.info("{} {}: same content as file {}, nothing stored", source.id(), fileName, existing.get().id());
                return new Opened(id, 0, true);
            }
            if (existing.isPresent()) {
                LOG.info("{} {}: resuming file {} after line {}", source.id(), fileName, existing.get().id(),
                        existing.get().linesDone());
                return new Opened(existing.get().id(), existing.get().linesDone(), false);
            }
            return new Opened(files.recordFile(source.id(), fileName, sha256, subject(source), "RECEIVING", 0, 0, 0, 0,
                    null, now), 0, false);
        } catch (SQLException e) {
            throw new EJBException(source.id() + " " + fileName + " not opened: " + e.getMessage(), e);
        }
    }

    @Override
    public void take(CdrSource source, long fileId, Chunk chunk) {
        try {
            List<NormalizedRecord> records = normalize(source, chunk);
            int stored = store.storeRecords(fileId, records) + store.storeQuality(fileId, chunk.quality(), chunk.qualityLines());
            files.quarantine(fileId, chunk.rejected());
            int duplicates = chunk.records().size() + chunk.quality().size() - stored;
            List<Instant[]> spans = new ArrayList<>(chunk.records().size());
            for (CdrRecord r : chunk.records()) {
                spans.add(new Instant[]{r.startedAt(), r.endedAt()});
            }
            if (!chunk.quality().isEmpty()) {
                // Quality measured after its calls were rolled up: their windows get the MOS now.
                spans.addAll(store.spansOf(source.id(), chunk.quality().stream().map(q -> q.callKey()).toList()));
            }
            metricMarks.callsStored(spans);
            store.advance(fileId, chunk.read(), stored, chunk.rejected().size(), duplicates, chunk.lastLine());
        } catch (SQLException e) {
            throw new EJBException(source.id() + " file " + fileId + " up to line " + chunk.lastLine() + " not stored: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Outcome finish(long fileId) {
        try {
            store.finish(fileId, Instant.now());
            return store.outcome(fileId);
        } catch (SQLException e) {
            throw new EJBException("file " + fileId + " not finished: " + e.getMessage(), e);
        }
    }

    @Override
    public Outcome refuse(CdrSource source, String fileName, String reason) {
        try {
            long id = files.recordFile(source.id(), fileName, null, subject(source), "REFUSED", 0, 0, 0, 0, reason,
                    Instant.now());
            return store.outcome(id);
        } catch (SQLException e) {
            throw new EJBException(source.id() + " " + fileName + " not recorded as refused: " + e.getMessage(), e);
        }
    }

    private static String subject(CdrSource source) {
        return source.isPbx() ? source.pbx() : source.carrier();
    }

    private List<NormalizedRecord> normalize(CdrSource source, Chunk chunk) {
        List<NormalizedRecord> out = new ArrayList<>(chunk.records().size());
        if (source.isPbx()) {
            Set<String> numbers = new HashSet<>();
            for (CdrRecord r : chunk.records()) {
                numbers.add(r.calling());
                numbers.add(r.called());
            }
            Map<String, DialPlan.Normalized> plan = numbers.isEmpty() ? Map.of() : dialPlan.normalizeAll(new PbxId(source.pbx()), numbers);
            for (int i = 0; i < chunk.records().size(); i++) {
                CdrRecord r = chunk.records().get(i);
                DialPlan.Normalized calling = plan.get(r.calling());
                DialPlan.Normalized called = plan.get(r.called());
                out.add(new NormalizedRecord(r, chunk.recordLines().get(i), source.pbx(), null, e164(calling), e164(called),
                        called == null ? null : called.type()));
            }
            return out;
        }
        Map<String, CarrierNumbers.Number> cache = new HashMap<>();
        for (int i = 0; i < chunk.records().size(); i++) {
            CdrRecord r = chunk.records().get(i);
            CarrierNumbers.Number calling = cache.computeIfAbsent(r.calling() == null ? "" : r.calling(),
                    n -> CarrierNumbers.normalize(n, source.country()));
            CarrierNumbers.Number called = cache.computeIfAbsent(r.called() == null ? "" : r.called(),
                    n -> CarrierNumbers.normalize(n, source.country()));
            out.add(new NormalizedRecord(r, chunk.recordLines().get(i), null, source.carrier(), calling.e164(), called.e164(),
                    called.callClass()));
        }
        return out;
    }

    /** The dial plan's result when it is a number in E.164 (an internal extension stays out of the E.164 column). */
    private static String e164(DialPlan.Normalized n) {
        // E.164 is at most 15 digits; a longer dial-plan result is no number to keep as one.
        return n == null || n.result() == null || !n.result().startsWith("+") || n.result().length() > 16 ? null
                : n.result();
    }
}
