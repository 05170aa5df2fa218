package io.trunkline.ejb.alerts.domain;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/** The trunk states the edge nodes reported (by SIP OPTIONS probing). */
public interface TrunkStates {

    /** The last state of each trunk reported since {@code since}, true for up. */
    Map<String, Boolean> since(Instant since) throws SQLException;
}
