/**
 * Overload control: whether the node can take one more call. {@link io.trunkline.edge.overload.OverloadJudge}
 * reads the node's load (decision latency, calls in setup, pending decisions, process CPU) and limits the rate
 * of new calls while the node is beyond what it can carry; the B2BUA answers the calls it refuses 503 with
 * Retry-After (RFC 3261 §21.5.4, RFC 7339 §5.10) before any work is spent on them.
 */
package io.trunkline.edge.overload;
