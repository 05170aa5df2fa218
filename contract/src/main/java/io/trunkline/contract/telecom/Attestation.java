package io.trunkline.contract.telecom;

import java.util.Locale;

/**
 * How far the signer of a call vouches for its calling number (ATIS-1000074 §5.2.3; the {@code attest} claim of
 * RFC 8588): {@link #A} full (the caller is ours and the number is assigned to it), {@link #B} partial (the caller
 * is ours, the number is not known to be), {@link #C} gateway (the call came from elsewhere).
 */
public enum Attestation {
    A, B, C;

    /** The level named by {@code text} ("A", "b"...); an {@link IllegalArgumentException} naming the allowed ones. */
    public static Attestation of(String text) {
        if (text != null && text.length() == 1) {
            switch (text.toUpperCase(Locale.ROOT)) {
                case "A":
                    return A;
                case "B":
                    return B;
                case "C":
                    return C;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("attestation must be A, B or C, was " + text);
    }

    /** Whether this level is at least {@code floor} (A is above B, B above C). */
    public boolean atLeast(Attestation floor) {
        return ordinal() <= floor.ordinal();
    }
}
