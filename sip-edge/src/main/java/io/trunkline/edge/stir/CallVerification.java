package io.trunkline.edge.stir;

import java.time.Instant;

/**
 * Verifies the identity of the calls carriers bring in (RFC 8224, RFC 8588), for the verstat the called PBX is given:
 * a node without trust anchors verifies nothing ({@link #OFF}, and its PBXs get no verstat). Verification fetches the
 * signer's certificate, so it runs where the call waits for its decision, never on a SIP thread.
 */
public final class CallVerification {

    /** Verifies nothing: the node has no trust anchors. */
    public static final CallVerification OFF = new CallVerification(null);

    private final PassportVerifier verifier;

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
        return verifier.verify(identity, caller, called, now);
    }
}
