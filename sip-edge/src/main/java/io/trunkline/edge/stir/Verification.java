package io.trunkline.edge.stir;

import io.trunkline.contract.routing.IdentityCheck;

/**
 * What the verifier made of a call's {@code Identity}.
 *
 * @param verstat  what the called PBX is told
 * @param failure  why it failed (null when passed or absent)
 * @param detail   what exactly was wrong, for the call record and the trace (never sent on the wire)
 * @param passport the token's claims when they could be read, else null
 */
public record Verification(Verstat verstat, StirFailure failure, String detail, Passport passport) {

    public static Verification passed(Passport passport) {
        return new Verification(Verstat.TN_VALIDATION_PASSED, null, "verified", passport);
    }

    public static Verification absent() {
        return new Verification(Verstat.NO_TN_VALIDATION, null, "no Identity header", null);
    }

    public static Verification failed(StirException e, Passport passport) {
        return new Verification(Verstat.TN_VALIDATION_FAILED, e.failure(), e.getMessage(), passport);
    }

    /** The verification as the platform's decision and the call record take it. */
    public IdentityCheck check() {
        return new IdentityCheck(verstat.value(), failure == null || failure == StirFailure.MISSING ? null : failure.name(),
                detail, passport == null ? null : passport.attest());
    }

    public boolean passed() {
        return verstat == Verstat.TN_VALIDATION_PASSED;
    }
}
