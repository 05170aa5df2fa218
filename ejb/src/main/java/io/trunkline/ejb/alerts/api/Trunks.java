package io.trunkline.ejb.alerts.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import javax.ejb.Local;

/** The carriers' trunks as the edge nodes probe them (SIP OPTIONS): each node's last word on each trunk. */
@Local
public interface Trunks {

    /**
     * @param latencyMs the round trip of the probe that changed the state, null when it went unanswered
     * @param at        when the node reported it
     */
    record TrunkReport(String node, String trunk, boolean up, Long latencyMs, Instant at) implements Serializable {
    }

    /** The reports of the last 30 days, by trunk then node. */
    List<TrunkReport> trunks();
}
