package io.trunkline.edge.security;

import javax.sip.message.Request;

/**
 * Asked by the transport for every request before any handler runs, so a refused request costs a lookup and at
 * most one stateless answer: no transaction, no dialog, no decision.
 */
@FunctionalInterface
public interface SourceGuard {

    /** What the transport does with the request. */
    enum Verdict {
        /** Handled as usual. */
        PASS,
        /** Nothing is sent (a banned source, or an unknown one under {@code security.unknown-sources=drop}). */
        DROP,
        /** A stateless 403. */
        FORBID,
        /** A stateless 503 with Retry-After: a configured peer over its own limit (RFC 3261 §21.5.4). */
        BUSY
    }

    /** The guard that lets everything through ({@code security.enabled=false}). */
    SourceGuard OPEN = (request, ip, port) -> Verdict.PASS;

    /**
     * @param ip   the address the request came from on the wire (not what its Via claims)
     * @param port its port
     */
    Verdict check(Request request, String ip, int port);

    /** The Retry-After (seconds) of a {@link Verdict#BUSY} answer. */
    default int retryAfterSeconds() {
        return 5;
    }
}
