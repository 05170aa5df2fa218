package io.trunkline.edge.transport;

import javax.sip.TimeoutEvent;

/** Told when a transaction of one SIP method timed out (Timer B or F, RFC 3261 §17.1). */
@FunctionalInterface
public interface SipTimeoutHandler {

    /** Ignores the timeouts: for requests whose sender keeps its own, shorter timer. */
    SipTimeoutHandler IGNORE = event -> {
    };

    void onTimeout(TimeoutEvent event);
}
