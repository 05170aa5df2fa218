package io.trunkline.ejb.alerts.domain;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The trunk states the edge nodes reported (by SIP OPTIONS probing). */
public interface TrunkStates {

    /** The last state of each trunk reported since {@code since}, true for up. */
    Map<String, Boolean> since(Instant since) throws SQLException;

    /** One node's last report on one trunk: its state and the latency of the probe that changed it. */
    record Report(String node, String trunk, boolean up, Long latencyMs, Instant at) {
    }

    /** Each node's last report on each trunk since {@code since}, by trunk then node. */
    List<Report> reports(Instant since) throws SQLException;
}
