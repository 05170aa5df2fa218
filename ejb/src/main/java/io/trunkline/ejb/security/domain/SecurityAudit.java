package io.trunkline.ejb.security.domain;

import java.sql.SQLException;
import java.time.Instant;

/** The {@code security_audit} trail: who did what to which subject, when and why. */
public interface SecurityAudit {

    /** Actions this context writes. */
    String BAN = "SOURCE_BAN";
    String LIFT = "SOURCE_LIFT";

    void record(Instant at, String actor, String action, String subject, String reason, String details)
            throws SQLException;
}
