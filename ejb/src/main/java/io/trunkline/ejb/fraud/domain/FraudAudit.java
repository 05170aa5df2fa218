package io.trunkline.ejb.fraud.domain;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The trail of blocks, lifts and counter resets: who, when, what and why (table security_audit). */
public interface FraudAudit {

    /** One entry: {@code actor} a user, or {@code rule:<row>} for what a fraud row did. */
    record Entry(Instant at, String actor, String action, String subject, String reason, String details) {
    }

    void record(Entry entry) throws SQLException;

    /** The latest entries, newest first; only those of {@code subject} when given. */
    List<Entry> latest(String subject, int limit) throws SQLException;
}
