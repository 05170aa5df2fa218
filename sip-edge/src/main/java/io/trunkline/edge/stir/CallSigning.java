package io.trunkline.edge.stir;

import io.trunkline.contract.routing.Signing;
import java.util.Optional;

/**
 * Signs the calls the platform's decision says to sign, as they leave for a carrier: the SHAKEN PASSporT of the
 * decision's attestation and origid, for the number presented on the carrier leg and the called number, as the
 * value of an {@code Identity} header. A node without a signing key signs nothing ({@link #OFF}).
 */
public final class CallSigning {

    /** Signs nothing: the node has no signing key. */
    public static final CallSigning OFF = new CallSigning(null);

    private final PassportSigner signer;

    public CallSigning(PassportSigner signer) {
        this.signer = signer;
    }

    public boolean enabled() {
        return signer != null;
    }

    /**
     * The {@code Identity} value for a call from {@code presented} to {@code called} signed at {@code epochSecond};
     * empty when the node does not sign, the decision says not to, or either party is not a telephone number (an
     * anonymous caller, an extension), for which no PASSporT can be made.
     */
    public Optional<String> identity(Signing signing, String presented, String called, long epochSecond) {
        if (signer == null || signing == null) {
            return Optional.empty();
        }
        if (Tn.canonical(presented) == null || Tn.canonical(called) == null) {
            return Optional.empty();
        }
        return Optional.of(signer.identity(Passport.of(signing.attest(), presented, called, epochSecond,
                signing.origid())));
    }
}
