package io.trunkline.ejb.sla.domain;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What the platform stored that a month is judged and evidenced from, read only: the edge's trunk-state changes, the
 * carriers' status-feed incidents, the carrier's metric windows, its failed calls and the carriers' invoices.
 */
public interface SlaSources {

    /** A failed attempt on the carrier, with the call it belonged to. */
    record FailedAttempt(String callId, Instant startedAt, String called, int releaseCode, int attemptNo, String target,
                         Integer sipCode, Long pddMs) {
    }

    /** The carrier's trunk-state changes reported up to {@code to}, from early enough to know its state at {@code from}. */
    List<Outage.TrunkChange> trunkChanges(String carrier, Instant from, Instant to) throws SQLException;

    /** The carrier's status-feed incidents overlapping [from, to), as windows (an open one lasts until {@code to}). */
    List<Outage> incidents(String carrier, Instant from, Instant to) throws SQLException;

    /** The carrier's hourly metric windows of the edge starting in [from, to). */
    List<MonthFigures.Window> windows(String carrier, Instant from, Instant to) throws SQLException;

    /** The attempts of up to {@code calls} calls in [from, to) that failed on the carrier, test calls left out. */
    List<FailedAttempt> failedCalls(String carrier, Instant from, Instant to, int calls) throws SQLException;

    /** The lines of the carrier's invoices whose period ends on or after {@code periodEndFrom}. */
    List<InvoiceCredit.Line> invoiceLines(String carrier, java.time.LocalDate periodEndFrom) throws SQLException;
}
