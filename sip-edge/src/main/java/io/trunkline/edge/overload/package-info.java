/**
 * Overload control: whether the node can take one more call. {@link io.trunkline.edge.overload.OverloadJudge}
 * reads the node's load (receive-queue wait, decision latency, calls in setup, pending decisions, process CPU) and
 * limits the rate of new calls while the node is beyond what it can carry; refused calls are answered 503 with
 * Retry-After (RFC 3261 §21.5.4) before any work is spent on them: while new calls are limited, as their INVITE comes
 * off the wire ({@link io.trunkline.edge.overload.EarlyRefusal}), otherwise by the B2BUA. One judgment per call
 * ({@link io.trunkline.edge.overload.CallAdmissions}).
 */
package io.trunkline.edge.overload;
