package io.trunkline.ejb.fraud.application;

import io.trunkline.ejb.fraud.api.FraudControl;
import io.trunkline.ejb.fraud.api.FraudSubject;
import io.trunkline.ejb.fraud.domain.Block;
import io.trunkline.ejb.fraud.domain.FraudAudit;
import io.trunkline.ejb.fraud.domain.SubjectCounters;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ejb.EJB;
import javax.ejb.EJBException;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;

/** The ops side of the fraud context: counters read from the edge cluster, resets, blocks, lifts, the audit trail. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FraudControlService implements FraudControl {

    @EJB
    private FraudRuntime runtime;

    @Override
    public SubjectCounters counters(FraudSubject subject) {
        Instant now = Instant.now();
        long second = now.getEpochSecond();
        Optional<io.trunkline.ejb.fraud.domain.SubjectCounters> held = runtime.counters()
                .fromCluster(subject.key(), second, runtime.settings().maxCallSeconds());
        List<Counters> out = new ArrayList<>();
        held.ifPresent(s -> {
            for (Map.Entry<String, io.trunkline.ejb.fraud.domain.SubjectCounters.Values> e
                    : s.all(second, runtime.settings().maxCallSeconds()).entrySet()) {
                io.trunkline.ejb.fraud.domain.SubjectCounters.Values v = e.getValue();
                out.add(new Counters(e.getKey(), v.callsPerMinute(), v.concurrent(), v.distinctDestinations(), v.answered(),
                        v.shortCalls(), BigDecimal.valueOf(v.spendMicros(), 6).stripTrailingZeros()));
            }
        });
        out.sort(Comparator.comparing(Counters::filter));
        String source = runtime.counters().clusterAvailable() ? "edge-cluster" : "platform (edge cluster out of reach)";
        return new SubjectCounters(subject.key(), source, out, now);
    }

    @Override
    public boolean reset(FraudSubject subject, String user, String reason) {
        Instant now = Instant.now();
        boolean had = runtime.counters().fromCluster(subject.key(), now.getEpochSecond(),
                runtime.settings().maxCallSeconds()).isPresent();
        runtime.counters().reset(subject.key());
        runtime.audit(new FraudAudit.Entry(now, user, "RESET_COUNTERS", subject.key(), reason, had ? null : "had none"));
        return had;
    }

    @Override
    public List<BlockEntry> blocks() {
        return runtime.blocks().stream().sorted(Comparator.comparing(Block::at)).map(FraudControlService::entry).toList();
    }

    @Override
    public Optional<BlockEntry> block(FraudSubject subject) {
        return runtime.blockOf(subject.key()).map(FraudControlService::entry);
    }

    @Override
    public boolean lift(FraudSubject subject, String user, String reason) {
        boolean lifted = runtime.lift(subject.key());
        if (lifted) {
            runtime.audit(new FraudAudit.Entry(Instant.now(), user, "LIFT", subject.key(), reason, null));
        }
        return lifted;
    }

    @Override
    public List<AuditEntry> audit(FraudSubject subject, int limit) {
        try {
            return runtime.auditTrail().latest(subject == null ? null : subject.key(), Math.max(1, Math.min(limit, 1_000)))
                    .stream().map(e -> new AuditEntry(e.at(), e.actor(), e.action(), e.subject(), e.reason(), e.details()))
                    .toList();
        } catch (SQLException e) {
            throw new EJBException("fraud audit not read: " + e.getMessage(), e);
        }
    }

    private static BlockEntry entry(Block b) {
        return new BlockEntry(b.subject(), b.by(), b.reason(), b.at(), b.until());
    }
}
