package io.trunkline.contract.testcall;

import io.trunkline.contract.routing.RouteRequest;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A synthetic call the platform asks an edge node to place, through the same decision and failover as a real call.
 *
 * @param id        the caller's reference, 1..64 of {@code [A-Za-z0-9._:-]}; the call's record carries it
 * @param direction INBOUND: the call arrives as if from the carrier {@code source}; OUTBOUND: from the PBX
 *                  {@code source}
 * @param source    a carrier id (INBOUND) or a PBX id (OUTBOUND) configured on the node
 * @param calling   the calling number, as the source would send it
 * @param called    the called number, as the source would send it
 * @param down      route targets treated as down for this call only (real calls are untouched); may be empty
 * @param holdMs    how long an answered call is kept before the node hangs up, 0..60000
 * @param timeoutMs the whole call's limit, 1000..120000
 */
public record TestCallRequest(String id, RouteRequest.Direction direction, String source, String calling,
                              String called, Set<String> down, int holdMs, int timeoutMs) {

    public static final int DEFAULT_HOLD_MS = 1000;
    public static final int DEFAULT_TIMEOUT_MS = 30_000;
    public static final int MAX_DOWN = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Carrier and PBX ids (as {@code CarrierId} and {@code PbxId} write them). */
    private static final Pattern PEER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /**
     * What may stand unescaped in the user part of the SIP URIs the node builds (RFC 3261 §25.1: unreserved and
     * user-unreserved characters; not {@code #}, not {@code @} or {@code ;}, which would change the URI).
     */
    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9+*._-]{1,64}");
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._:@+;=-]{1,256}");

    /** @throws InvalidTestCallException naming the first field that is not as documented */
    public TestCallRequest {
        check("id", id, ID);
        if (direction == null) {
            throw new InvalidTestCallException("direction", "is required (INBOUND or OUTBOUND)");
        }
        check("source", source, PEER);
        check("calling", calling, NUMBER);
        check("called", called, NUMBER);
        down = down == null ? Set.of() : Set.copyOf(down);
        if (down.size() > MAX_DOWN) {
            throw new InvalidTestCallException("down", "at most " + MAX_DOWN + " targets");
        }
        for (String target : down) {
            check("down", target, TARGET);
        }
        if (holdMs < 0 || holdMs > 60_000) {
            throw new InvalidTestCallException("holdMs", "must be 0..60000, was " + holdMs);
        }
        if (timeoutMs < 1000 || timeoutMs > 120_000) {
            throw new InvalidTestCallException("timeoutMs", "must be 1000..120000, was " + timeoutMs);
        }
    }

    /** A request with the default hold (1 s) and timeout (30 s). */
    public TestCallRequest(String id, RouteRequest.Direction direction, String source, String calling, String called,
                           Set<String> down) {
        this(id, direction, source, calling, called, down, DEFAULT_HOLD_MS, DEFAULT_TIMEOUT_MS);
    }

    private static void check(String field, String value, Pattern form) {
        if (value == null) {
            throw new InvalidTestCallException(field, "is required");
        }
        if (!form.matcher(value).matches()) {
            throw new InvalidTestCallException(field, "'" + abbreviated(value) + "' does not match " + form.pattern());
        }
    }

    private static String abbreviated(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
