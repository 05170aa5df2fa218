package io.trunkline.edge.stir;

/** Why an {@code Identity} did not verify, with the SIP answer RFC 8224 gives it (§6.2.2, §13.2). */
public enum StirFailure {
    /** No Identity where one is required (428). */
    MISSING(428, "Use Identity Header"),
    /** The certificate at {@code info}/{@code x5u} cannot be had, or is not allowed to be fetched (436). */
    BAD_INFO(436, "Bad Identity Info"),
    /** The credential is not one the verifier accepts: an algorithm other than ES256, a chain that is not trusted,
     *  a certificate expired or not valid for the calling number (437). */
    UNSUPPORTED_CREDENTIAL(437, "Unsupported Credential"),
    /** The header or its token is malformed, its claims do not match the call, or its signature is wrong (438). */
    INVALID(438, "Invalid Identity Header"),
    /** The token's {@code iat} is outside the freshness window (403 Stale Date, RFC 8224 §6.2.1). */
    STALE(403, "Stale Date");

    private final int sipCode;
    private final String reasonPhrase;

    StirFailure(int sipCode, String reasonPhrase) {
        this.sipCode = sipCode;
        this.reasonPhrase = reasonPhrase;
    }

    public int sipCode() {
        return sipCode;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }
}
