package io.trunkline.ejb.calls.domain;

import io.trunkline.contract.telecom.CallId;
import io.trunkline.ejb.calls.api.CallRecords.CallSummary;
import io.trunkline.ejb.calls.api.CallRecords.Query;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The stored call records as they are searched and read (port of the call search). */
public interface CallSearchStore {

    /**
     * The first {@code rows} calls that match {@code query} after its cursor, newest first (then Call-ID descending).
     */
    List<CallSummary> calls(Query query, int rows) throws SQLException;

    /** How many calls match {@code query} (its cursor left aside), counted no further than {@code cap}. */
    long count(Query query, int cap) throws SQLException;

    /** The whole record of a call (the edge's JSON), the latest one if the id was used twice. */
    Optional<String> record(CallId callId) throws SQLException;
}
