package io.trunkline.ejb.porting.domain;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DIDs a port moves and the carriers' porting desks, in the caller's transaction. A number is in an open port
 * while its port's workflow instance is active.
 */
public interface PortInventory {

    /** A DID as it stands: who holds it and where its calls go. */
    record Held(String number, String carrier, String pbx, String extension) {
    }

    /** A number of a port: where it was before, and what the port has done with it. */
    record PortNumber(long portId, String number, String previousCarrier, String previousPbx, String extension,
                      String state, Instant changedAt) {
    }

    record Desk(String carrier, String email, String contact, Instant updatedAt) {
    }

    /** The DIDs among {@code numbers}, by number, locked until the transaction ends (two ports of one number queue). */
    Map<String, Held> lockHeld(List<String> numbers) throws SQLException;

    /** The numbers among {@code numbers} in an open port other than {@code portId}, with that port's id. */
    Map<String, Long> inOpenPorts(List<String> numbers, long portId) throws SQLException;

    void reserve(long portId, List<Held> numbers, Instant at) throws SQLException;

    /** Moves the port's numbers to {@code carrier} and {@code pbx}; returns how many DIDs changed. */
    int transfer(long portId, String carrier, String pbx, Instant at) throws SQLException;

    /** Moves the port's numbers back to where they were before it; returns how many DIDs changed. */
    int rollBack(long portId, Instant at) throws SQLException;

    void close(long portId, Instant at) throws SQLException;

    List<PortNumber> numbers(long portId) throws SQLException;

    Optional<Desk> desk(String carrier) throws SQLException;

    List<Desk> desks() throws SQLException;

    void putDesk(Desk desk) throws SQLException;
}
