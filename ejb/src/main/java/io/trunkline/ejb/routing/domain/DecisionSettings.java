package io.trunkline.ejb.routing.domain;

import java.util.List;

/**
 * Defaults of every decision.
 *
 * @param expectedCallSeconds the call length least-cost routing prices each carrier for (billing increment applied)
 * @param failoverCodes       SIP final responses after which the edge tries the next route
 * @param attemptTimeoutMs    how long the edge waits for a provisional response before the next route
 */
public record DecisionSettings(int expectedCallSeconds, List<Integer> failoverCodes, int attemptTimeoutMs) {

    /** 3 minutes (a typical business call); RFC 3261 server failures and timeouts; 2 s to first provisional. */
    public static final DecisionSettings DEFAULT = new DecisionSettings(180, List.of(408, 480, 500, 502, 503, 504), 2000);
}
