package io.trunkline.contract.routing;

import io.trunkline.contract.telecom.Attestation;
import java.util.Objects;

/**
 * How the edge signs an outbound call it sends to a carrier (STIR/SHAKEN, RFC 8588): the attestation the enterprise
 * gives it and the origination identifier of the calling PBX. A decision without one is sent unsigned.
 *
 * @param attest    A, B or C (ATIS-1000074 §5.2.3)
 * @param origid    the calling PBX's origination identifier, a UUID stable per PBX (ATIS-1000074 §5.2.4)
 * @param decidedBy the attestation row (or rule) that decided
 */
public record Signing(Attestation attest, String origid, String decidedBy) {

    public Signing {
        Objects.requireNonNull(attest, "attest");
        Objects.requireNonNull(origid, "origid");
    }
}
