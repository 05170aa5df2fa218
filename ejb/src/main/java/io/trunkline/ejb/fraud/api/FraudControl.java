package io.trunkline.ejb.fraud.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.ejb.Local;

/** The fraud counters and blocks for the ops API: read, reset, listed, lifted; every change audited. */
@Local
public interface FraudControl {

    /** One filter's counters of a subject (the filter is the rows' class and destination cells). */
    record Counters(String filter, int callsPerMinute, int concurrentCalls, int distinctDestinationsPerHour,
                    int answeredPerHour, int shortCallsPerHour, BigDecimal spendPerHour) {
    }

    /** A subject's counters as the edge cluster holds them; {@code source} says where they were read. */
    record SubjectCounters(String subject, String source, List<Counters> counters, Instant readAt) {
    }

    /** A block in force. */
    record BlockEntry(String subject, String by, String reason, Instant at, Instant until) {
    }

    /** One audit entry. */
    record AuditEntry(Instant at, String actor, String action, String subject, String reason, String details) {
    }

    SubjectCounters counters(FraudSubject subject);

    /** Forgets the subject's counters everywhere; false when it had none. */
    boolean reset(FraudSubject subject, String user, String reason);

    List<BlockEntry> blocks();

    Optional<BlockEntry> block(FraudSubject subject);

    /** Lifts the subject's block; false when it had none. */
    boolean lift(FraudSubject subject, String user, String reason);

    List<AuditEntry> audit(FraudSubject subject, int limit);
}
