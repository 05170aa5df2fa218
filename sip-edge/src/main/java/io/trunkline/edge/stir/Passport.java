package io.trunkline.edge.stir;

import io.trunkline.contract.telecom.Attestation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The claims of a SHAKEN PASSporT (RFC 8225 §5, RFC 8588 §4): the attestation, the calling number ({@code orig.tn}),
 * the called numbers ({@code dest.tn}), the time of signing ({@code iat}, seconds since the epoch) and the
 * originating component's id ({@code origid}, a UUID). Numbers in canonical form (digits only).
 */
public record Passport(Attestation attest, String orig, List<String> dest, long iat, String origid) {

    public Passport {
        if (attest == null) {
            throw new IllegalArgumentException("attest is required");
        }
        if (Tn.canonical(orig) == null || !Tn.canonical(orig).equals(orig)) {
            throw new IllegalArgumentException("orig must be a number of digits only, was " + orig);
        }
        if (dest == null || dest.isEmpty()) {
            throw new IllegalArgumentException("dest needs at least one number");
        }
        for (String tn : dest) {
            if (Tn.canonical(tn) == null || !Tn.canonical(tn).equals(tn)) {
                throw new IllegalArgumentException("dest numbers must be digits only, was " + tn);
            }
        }
        dest = List.copyOf(dest);
        if (iat <= 0) {
            throw new IllegalArgumentException("iat must be positive, was " + iat);
        }
        try {
            UUID.fromString(origid);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("origid must be a UUID, was " + origid);
        }
    }

    /** A passport for a call from {@code orig} to {@code dest} (any accepted number form) signed at {@code iat}. */
    public static Passport of(Attestation attest, String orig, String dest, long iat, String origid) {
        return new Passport(attest, Tn.canonical(orig), List.of(canonicalOrFail(dest)), iat, origid);
    }

    private static String canonicalOrFail(String number) {
        String tn = Tn.canonical(number);
        if (tn == null) {
            throw new IllegalArgumentException("not a telephone number: " + number);
        }
        return tn;
    }

    /** The claims as JSON members in lexicographic order (RFC 8225 §9), for the library to serialize. */
    Map<String, Object> claims() {
        Map<String, Object> claims = new TreeMap<>();
        claims.put("attest", attest.name());
        claims.put("dest", new TreeMap<>(Map.of("tn", dest)));
        claims.put("iat", iat);
        claims.put("orig", new TreeMap<>(Map.of("tn", orig)));
        claims.put("origid", origid);
        return claims;
    }
}
