package io.trunkline.contract.routing;

import io.trunkline.contract.telecom.Attestation;
import java.util.Objects;

/**
 * What the edge's STIR/SHAKEN verification made of an inbound call's {@code Identity} (RFC 8224, RFC 8588), as the
 * platform's inbound decision and the call record see it.
 *
 * @param verstat what the called PBX is told: {@code TN-Validation-Passed}, {@code TN-Validation-Failed} or
 *                {@code No-TN-Validation}
 * @param failure why it failed, by the RFC 8224 answer it maps to: {@code BAD_INFO} (436), {@code
 *                UNSUPPORTED_CREDENTIAL} (437), {@code INVALID} (438) or {@code STALE} (403); null when it passed or
 *                the call carried no {@code Identity}
 * @param detail  what exactly was wrong (or "verified", "no Identity header"), for the trace and the record
 * @param attest  the token's attestation when it could be read, else null
 */
public record IdentityCheck(String verstat, String failure, String detail, Attestation attest) {

    public static final String PASSED = "TN-Validation-Passed";
    public static final String FAILED = "TN-Validation-Failed";
    public static final String NOT_VALIDATED = "No-TN-Validation";

    public IdentityCheck {
        Objects.requireNonNull(verstat, "verstat");
    }

    /** PASSED, FAILED, or MISSING (the call carried no {@code Identity}). */
    public String outcome() {
        if (PASSED.equals(verstat)) {
            return "PASSED";
        }
        return failure == null ? "MISSING" : "FAILED";
    }

    /** The SIP answer RFC 8224 gives this outcome when it is refused: 428 for a missing identity, the failure's own. */
    public int refusalCode() {
        if (failure == null) {
            return PASSED.equals(verstat) ? 403 : 428;
        }
        return switch (failure) {
            case "BAD_INFO" -> 436;
            case "UNSUPPORTED_CREDENTIAL" -> 437;
            case "INVALID" -> 438;
            case "STALE" -> 403;
            default -> 438;
        };
    }

    /** The reason phrase of {@link #refusalCode}: RFC 8224's (§6.2.2, §13.2), "Stale Date" for a stale token. */
    public String refusalPhrase() {
        if (refusalCode() == 403) {
            return "STALE".equals(failure) ? "Stale Date" : "Forbidden";
        }
        return reasonPhrase(refusalCode());
    }

    /**
     * The reason phrase of RFC 8224's answers to a call's identity (428, 436, 437, 438), which SIP stacks do not
     * know; null for any other code.
     */
    public static String reasonPhrase(int code) {
        return switch (code) {
            case 428 -> "Use Identity Header";
            case 436 -> "Bad Identity Info";
            case 437 -> "Unsupported Credential";
            case 438 -> "Invalid Identity Header";
            default -> null;
        };
    }
}
