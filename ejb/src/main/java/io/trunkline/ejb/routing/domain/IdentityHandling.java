package io.trunkline.ejb.routing.domain;

/**
 * What a carrier does with the STIR/SHAKEN {@code Identity} of the calls the enterprise sends it, which decides the
 * attestation the call arrives with.
 */
public enum IdentityHandling {
    /** It signs every call itself: A for numbers in its own blocks, its foreign attestation for any other. */
    RESIGN,
    /** It forwards the enterprise's own {@code Identity} unchanged: the call arrives as the enterprise signed it. */
    PASS_THROUGH
}
