package io.trunkline.edge.stir;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verifies the identity of the calls carriers bring in (RFC 8224, RFC 8588), for the verstat the called PBX is given:
 * a node without trust anchors verifies nothing ({@link #OFF}, and its PBXs get no verstat). Verification fetches the
 * signer's certificate, so it runs where the call waits for its decision, never on a SIP thread.
 */
public final class CallVerification {

    /** Verifies nothing: the node has no trust anchors. */
    public static final CallVerification OFF = new CallVerification(null);

    private final PassportVerifier verifier;
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    public CallVerification(PassportVerifier verifier) {
        this.verifier = verifier;
    }

    public boolean enabled() {
        return verifier != null;
    }

    /**
     * The verification of a call, or null when the node does not verify.
     *
     * @param identity the Identity header's value, null when the call has none
     * @param caller   the calling number as the carrier presents it (P-Asserted-Identity, else From)
     * @param called   the called number (Request-URI)
     */
    public Verification verify(String identity, String caller, String called, Instant now) {
        if (verifier == null) {
            return null;
        }
        Verification v = verifier.verify(identity, caller, called, now);
        String outcome = v.passed() ? "passed" : v.failure() == null ? "absent" : "failed-" + v.failure().sipCode();
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        return v;
    }

    /** Calls verified since the start, by outcome ({@code passed}, {@code absent}, {@code failed-<code>}). */
    public Map<String, Long> outcomes() {
        Map<String, Long> out = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
