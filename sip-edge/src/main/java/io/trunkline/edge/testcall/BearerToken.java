package io.trunkline.edge.testcall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token an {@code Authorization: Bearer} header (RFC 6750 §2.1) must carry. Compared in constant time: both sides
 * are hashed to SHA-256 first, so that neither the content nor the length of the configured token leaks through how
 * long a refusal takes, and the digests are compared with {@link MessageDigest#isEqual}.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";
    private final byte[] expected;

    public BearerToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("a bearer token is required");
        }
        this.expected = sha256(token);
    }

    /** Whether an {@code Authorization} header's value (null: none sent) carries the token. */
    public boolean accepts(String authorization) {
        // RFC 7235 §2.1: the scheme is case-insensitive; the token itself is compared exactly.
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
        byte[] given = sha256(bearer ? authorization.substring(SCHEME.length()).trim() : "");
        return MessageDigest.isEqual(expected, given) & bearer;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
