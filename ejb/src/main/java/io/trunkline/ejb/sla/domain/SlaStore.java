package io.trunkline.ejb.sla.domain;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** Carriers' SLA terms and their claims, one per carrier and month. */
public interface SlaStore {

    Optional<SlaTerms> terms(String carrier) throws SQLException;

    List<SlaTerms> allTerms() throws SQLException;

    void putTerms(SlaTerms terms) throws SQLException;

    /** Locks the carrier's terms until the transaction ends, so two judgements of a carrier run one after the other. */
    Optional<SlaTerms> lockTerms(String carrier) throws SQLException;

    Optional<Claim> claim(String carrier, YearMonth month) throws SQLException;

    Optional<Claim> claim(long id) throws SQLException;

    /** Newest first; {@code month} null for every month. */
    List<Claim> claims(YearMonth month, int limit) throws SQLException;

    /** Stores a new claim (its id ignored) and returns its id. */
    long insert(Claim claim) throws SQLException;

    void workflowStarted(long id, long workflowId) throws SQLException;

    void delete(long id) throws SQLException;

    void evidence(long id, long documentId) throws SQLException;

    void sent(long id, BigDecimal claimedAmount, Instant at) throws SQLException;

    void accepted(long id, BigDecimal acceptedAmount) throws SQLException;

    void refused(long id, String reason, Instant at) throws SQLException;

    void credited(long id, String invoice, Instant at) throws SQLException;
}
